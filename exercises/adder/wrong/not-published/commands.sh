docker build -t containerlings/adder .
docker rm -f cl-adder 2>/dev/null || true
# No -p: the service runs, but nothing on the host leads to it.
docker run -d --name cl-adder containerlings/adder
