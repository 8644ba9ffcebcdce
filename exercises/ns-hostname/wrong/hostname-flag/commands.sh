docker rm -f cl-ns-uts 2>/dev/null || true
# --hostname names the UTS namespace Docker made for the container: every process in it sees inner-world.
docker run -dti --name cl-ns-uts --hostname inner-world --cap-add SYS_ADMIN --security-opt seccomp=unconfined containerlings/busybox
