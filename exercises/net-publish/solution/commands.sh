docker rm -f cl-net-pub 2>/dev/null || true
docker build -t containerlings/net-pub .
# 127.0.0.1::8080 leaves the host port to the engine; /udp publishes a UDP port.
docker run -d --name cl-net-pub -p 127.0.0.1::8080 -p 127.0.0.1:19999:9999/udp containerlings/net-pub
docker port cl-net-pub
