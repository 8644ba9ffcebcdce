docker rm -f cl-cg-hog 2>/dev/null || true
# 512 MiB is more than the hog's 100 MB: nothing is killed.
docker run --name cl-cg-hog --memory 512m --memory-swap 512m containerlings/busybox sh -c 'head -c 100m /dev/zero | tail' > /dev/null
