# Back up: a throw-away container mounts the volume read-only and streams a tar of its contents (the folder's
# contents, "-C /data .", not the folder) to this machine. Streaming works on a remote engine too.
docker run --rm -v cl-app-data:/data:ro containerlings/busybox tar -czf - -C /data . > app-data.tar.gz
tar -tzvf app-data.tar.gz
# Restore into a new volume: another throw-away container unpacks the archive from its standard input (-i).
docker volume create cl-app-restore
docker run --rm -i -v cl-app-restore:/data containerlings/busybox tar -xzf - -C /data < app-data.tar.gz
docker run --rm -v cl-app-restore:/data:ro containerlings/busybox ls -lan /data /data/notes
