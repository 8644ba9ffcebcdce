docker rm -f cl-cg-survivor 2>/dev/null || true
docker run -dti --name cl-cg-survivor --pids-limit 100000 containerlings/busybox
