# The archive is written inside the throw-away container (--volumes-from cl-app), whose files vanish with --rm.
docker run --rm --volumes-from cl-app containerlings/busybox tar -czf /tmp/app-data.tar.gz -C /data .
docker volume create cl-app-restore
