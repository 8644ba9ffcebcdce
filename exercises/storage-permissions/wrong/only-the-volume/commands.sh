# Fixes the volume, forgets the bind-mounted folder: the service cannot create /logs/app.log and exits.
docker volume create cl-perm-data
docker run --rm -v cl-perm-data:/data containerlings/busybox chown 10001:10001 /data
sh run.sh
