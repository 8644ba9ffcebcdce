docker rm -f cl-ns-hostpid cl-ns-offline cl-ns-demo 2>/dev/null || true
docker run -dti --name cl-ns-demo containerlings/busybox
# Shares cl-ns-demo's PID namespace, which is that container's own, not the host's.
docker run -dti --name cl-ns-hostpid --pid=container:cl-ns-demo containerlings/busybox
docker run -dti --name cl-ns-offline --network none containerlings/busybox
