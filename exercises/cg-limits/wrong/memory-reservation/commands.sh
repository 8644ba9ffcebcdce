docker rm -f cl-cg-limited 2>/dev/null || true
# A reservation is a soft target the kernel reclaims towards under pressure, not a ceiling.
docker run -dti --name cl-cg-limited --memory-reservation 64m --cpus 0.5 --pids-limit 50 containerlings/busybox
