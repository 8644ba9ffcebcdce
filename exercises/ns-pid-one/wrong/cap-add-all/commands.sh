docker rm -f cl-ns-sandbox 2>/dev/null || true
# Not --privileged, but --cap-add ALL: every capability, when unshare needs only CAP_SYS_ADMIN.
docker run -dti --name cl-ns-sandbox --cap-add ALL --security-opt seccomp=unconfined containerlings/busybox
docker exec -d cl-ns-sandbox unshare --pid --fork --mount-proc sleep 86400
