docker build -t containerlings/adder .
docker rm -f cl-adder 2>/dev/null || true
# Published on loopback, but also on all addresses (-p 8080 means 0.0.0.0): anyone on the network can reach it.
docker run -d --name cl-adder -p 127.0.0.1::8080 -p 8080 containerlings/adder
