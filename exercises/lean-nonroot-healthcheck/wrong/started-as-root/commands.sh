# The image is right (USER 10001), but the container is started with --user 0, which overrides it.
docker rm -f cl-lean-svc 2>/dev/null || true
docker build -t containerlings/lean-svc:1.0 .
docker run -d --user 0 --name cl-lean-svc containerlings/lean-svc:1.0
