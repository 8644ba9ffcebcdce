docker rm -f cl-lean-svc 2>/dev/null || true
docker build -t containerlings/lean-svc .
docker run -d --name cl-lean-svc containerlings/lean-svc
