docker rm -f cl-cg-survivor 2>/dev/null || true
# An rlimit, not a cgroup limit: counted per user on the whole machine, and root in the container is exempt.
docker run -dti --name cl-cg-survivor --ulimit nproc=32 containerlings/busybox
