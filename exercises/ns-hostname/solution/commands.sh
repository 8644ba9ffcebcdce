docker rm -f cl-ns-uts 2>/dev/null || true
docker run -dti --name cl-ns-uts --cap-add SYS_ADMIN --security-opt seccomp=unconfined containerlings/busybox
docker exec -d cl-ns-uts unshare --uts sh -c 'hostname inner-world; exec sleep 86400'
# The container's own UTS namespace keeps its name.
docker exec cl-ns-uts hostname
