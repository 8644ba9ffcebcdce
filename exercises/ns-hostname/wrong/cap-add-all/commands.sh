docker rm -f cl-ns-uts 2>/dev/null || true
# Not --privileged, but --cap-add ALL: every capability, when unshare needs only CAP_SYS_ADMIN.
docker run -dti --name cl-ns-uts --cap-add ALL --security-opt seccomp=unconfined containerlings/busybox
docker exec -d cl-ns-uts unshare --uts sh -c 'hostname inner-world; exec sleep 86400'
