docker build -t containerlings/adder .
docker rm -f cl-adder 2>/dev/null || true
docker run -d --name cl-adder -p 127.0.0.1::8080 containerlings/adder
docker ps --filter name=cl-adder
