docker rm -f cl-ns-hostpid cl-ns-offline 2>/dev/null || true
# Without --pid=host, the container gets a PID namespace of its own.
docker run -dti --name cl-ns-hostpid containerlings/busybox
docker run -dti --name cl-ns-offline --network none containerlings/busybox
