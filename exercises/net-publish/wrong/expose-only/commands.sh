docker rm -f cl-net-pub 2>/dev/null || true
docker build -t containerlings/net-pub .
# The image EXPOSEs 8080 and 9999/udp, but without -p nothing is published.
docker run -d --name cl-net-pub containerlings/net-pub
