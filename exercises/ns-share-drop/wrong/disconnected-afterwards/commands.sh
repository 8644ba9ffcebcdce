docker rm -f cl-ns-hostpid cl-ns-offline 2>/dev/null || true
docker run -dti --name cl-ns-hostpid --pid=host containerlings/busybox
# Started on the default network, then disconnected: only lo is left now, but not by design (mode is still bridge).
docker run -dti --name cl-ns-offline containerlings/busybox
docker network disconnect bridge cl-ns-offline
