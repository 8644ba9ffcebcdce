docker rm -f cl-ns-sandbox 2>/dev/null || true
docker run -dti --name cl-ns-sandbox --cap-add SYS_ADMIN --security-opt seccomp=unconfined containerlings/busybox
# sleep is PID 1 of a new namespace, but /proc is still the container's, so ps there shows the old processes.
docker exec -d cl-ns-sandbox unshare --pid --fork sleep 86400
