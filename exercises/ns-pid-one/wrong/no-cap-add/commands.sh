docker rm -f cl-ns-sandbox 2>/dev/null || true
# No CAP_SYS_ADMIN: unshare fails with "Operation not permitted", quietly, because -d does not wait.
docker run -dti --name cl-ns-sandbox containerlings/busybox
docker exec -d cl-ns-sandbox unshare --pid --fork --mount-proc sleep 86400
