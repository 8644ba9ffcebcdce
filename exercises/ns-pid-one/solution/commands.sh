docker rm -f cl-ns-sandbox 2>/dev/null || true
docker run -dti --name cl-ns-sandbox --cap-add SYS_ADMIN --security-opt seccomp=unconfined containerlings/busybox
# What you would see by hand: ps in the new namespace lists only itself, as PID 1.
docker exec cl-ns-sandbox unshare --pid --fork --mount-proc ps
# The process the check looks for.
docker exec -d cl-ns-sandbox unshare --pid --fork --mount-proc sleep 86400
