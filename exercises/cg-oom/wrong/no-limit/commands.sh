docker rm -f cl-cg-hog 2>/dev/null || true
# No limit: tail gets its 100 MB and the container exits normally.
docker run --name cl-cg-hog containerlings/busybox sh -c 'head -c 100m /dev/zero | tail' > /dev/null
