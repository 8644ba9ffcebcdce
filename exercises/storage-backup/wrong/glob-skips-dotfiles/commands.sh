# "cd /data && tar ... *": the shell's * leaves out names that start with a dot, so .settings is not backed up.
docker run --rm -v cl-app-data:/data:ro containerlings/busybox sh -c 'cd /data && tar -czf - *' > app-data.tar.gz
docker volume create cl-app-restore
docker run --rm -i -v cl-app-restore:/data containerlings/busybox tar -xzf - -C /data < app-data.tar.gz
