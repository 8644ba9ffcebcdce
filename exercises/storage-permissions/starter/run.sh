#!/bin/sh
# Starts the notes service as uid 10001, not root. It appends to logs/app.log (this folder, bind-mounted at /logs)
# and keeps its state in the volume cl-perm-data (at /data). Do not change the user: fix who owns the storage.
docker rm -f cl-perm >/dev/null 2>&1 || true
docker volume create cl-perm-data >/dev/null
docker run -d --name cl-perm --user 10001:10001 \
  -v "$PWD/logs:/logs" -v cl-perm-data:/data \
  containerlings/busybox \
  sh -c 'echo "started as $(id -u):$(id -g)" >> /logs/app.log && date > /data/state.txt && exec sleep 3600'
