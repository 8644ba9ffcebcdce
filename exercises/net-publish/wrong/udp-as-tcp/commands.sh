docker rm -f cl-net-pub 2>/dev/null || true
docker build -t containerlings/net-pub .
# Without /udp, -p publishes TCP: 9999/tcp, where nothing listens.
docker run -d --name cl-net-pub -p 127.0.0.1::8080 -p 127.0.0.1:19999:9999 containerlings/net-pub
