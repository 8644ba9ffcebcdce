docker rm -f cl-ns-sandbox 2>/dev/null || true
docker run -dti --name cl-ns-sandbox --cap-add SYS_ADMIN --security-opt seccomp=unconfined containerlings/busybox
# Without --fork, unshare execs sleep in the old namespace; only sleep's children (none) would be in the new one.
docker exec -d cl-ns-sandbox unshare --pid --mount-proc sleep 86400
