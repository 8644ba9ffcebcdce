docker rm -f cl-cg-hog 2>/dev/null || true
# --memory-swap -1 lets the container swap without limit, the opposite of what the README asks.
docker run --name cl-cg-hog --memory 32m --memory-swap -1 containerlings/busybox sh -c 'head -c 100m /dev/zero | tail' || true
