docker rm -f cl-ns-hostpid cl-ns-offline 2>/dev/null || true
docker run -dti --name cl-ns-hostpid --pid=host containerlings/busybox
docker run -dti --name cl-ns-offline --network none containerlings/busybox
docker exec cl-ns-hostpid sh -c 'readlink /proc/self/ns/pid; ps | head -n 5'
docker exec cl-ns-offline sh -c 'readlink /proc/self/ns/net; ls /sys/class/net'
