# Archives the folder /data itself: every path inside starts with data/, and the restore nests it in /data/data.
docker run --rm -v cl-app-data:/data:ro containerlings/busybox tar -czf - /data > app-data.tar.gz
docker volume create cl-app-restore
docker run --rm -i -v cl-app-restore:/data containerlings/busybox tar -xzf - -C /data < app-data.tar.gz
