docker rm -f cl-cg-hog 2>/dev/null || true
# Exit code 137 is SIGKILL, and docker kill sends exactly that: same code, but no OOM kill.
docker run -d --name cl-cg-hog --memory 32m --memory-swap 32m containerlings/busybox sleep 3600
docker kill cl-cg-hog
docker wait cl-cg-hog
