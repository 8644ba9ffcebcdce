docker rm -f cl-ns-hostpid cl-ns-offline 2>/dev/null || true
docker run -dti --name cl-ns-hostpid --pid=host containerlings/busybox
# host is the opposite of none: the container shares the host's network namespace and sees all its interfaces.
docker run -dti --name cl-ns-offline --network host containerlings/busybox
