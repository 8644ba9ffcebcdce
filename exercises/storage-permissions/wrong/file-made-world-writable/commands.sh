# Leaves the folders alone but creates the files in advance with mode 666: anyone may write them.
touch logs/app.log && chmod 666 logs/app.log
docker volume create cl-perm-data
docker run --rm -v cl-perm-data:/data containerlings/busybox sh -c 'touch /data/state.txt && chmod 666 /data/state.txt'
sh run.sh
