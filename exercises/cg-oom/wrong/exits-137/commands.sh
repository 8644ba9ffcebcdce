docker rm -f cl-cg-hog 2>/dev/null || true
# The right limit and the exit code the README names, but no OOM: the program just returns 137.
docker run --name cl-cg-hog --memory 32m --memory-swap 32m containerlings/busybox sh -c 'exit 137' || true
