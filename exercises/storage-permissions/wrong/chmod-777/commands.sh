# The quick "fix": everyone may write to the log folder and to the volume.
chmod 777 logs
docker volume create cl-perm-data
docker run --rm -v cl-perm-data:/data containerlings/busybox chmod 777 /data
sh run.sh
