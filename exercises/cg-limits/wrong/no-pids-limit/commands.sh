docker rm -f cl-cg-limited 2>/dev/null || true
docker run -dti --name cl-cg-limited --memory 64m --cpus 0.5 containerlings/busybox
