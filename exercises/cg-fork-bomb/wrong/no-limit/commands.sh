docker rm -f cl-cg-survivor 2>/dev/null || true
docker run -dti --name cl-cg-survivor --memory 64m --cpus 0.5 containerlings/busybox
