docker rm -f cl-cg-limited 2>/dev/null || true
# --cpu-shares 512 is a weight that only matters when CPUs are busy; alone, the container may use every CPU.
docker run -dti --name cl-cg-limited --memory 64m --cpu-shares 512 --pids-limit 50 containerlings/busybox
