# A typo in the volume's name: Docker silently creates a new, empty volume, and the backup holds nothing.
docker run --rm -v cl-appdata:/data:ro containerlings/busybox tar -czf - -C /data . > app-data.tar.gz
docker volume rm cl-appdata
docker volume create cl-app-restore
docker run --rm -i -v cl-app-restore:/data containerlings/busybox tar -xzf - -C /data < app-data.tar.gz
