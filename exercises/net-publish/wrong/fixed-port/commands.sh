docker rm -f cl-net-pub 2>/dev/null || true
docker build -t containerlings/net-pub .
# Loopback only and UDP right, but the web port is fixed (18080) instead of chosen by the engine.
docker run -d --name cl-net-pub -p 127.0.0.1:18080:8080 -p 127.0.0.1:19999:9999/udp containerlings/net-pub
