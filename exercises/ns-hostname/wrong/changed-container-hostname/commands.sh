docker rm -f cl-ns-uts 2>/dev/null || true
docker run -dti --name cl-ns-uts --cap-add SYS_ADMIN --security-opt seccomp=unconfined containerlings/busybox
# No unshare: this renames the container's own UTS namespace, which every process in it sees.
docker exec cl-ns-uts hostname inner-world
docker exec -d cl-ns-uts sleep 86400
