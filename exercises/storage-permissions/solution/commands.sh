# logs/ stays yours; its group becomes the service's group (10001), with write access for that group.
# A throw-away root container does the chgrp, so no sudo is needed (on the host: sudo chgrp 10001 logs).
docker run --rm -v "$PWD/logs:/logs" containerlings/busybox sh -c 'chgrp 10001 /logs && chmod g+w /logs'
# The volume's root belongs to root when it is created: hand it to the service's user.
docker volume create cl-perm-data
docker run --rm -v cl-perm-data:/data containerlings/busybox chown 10001:10001 /data
sh run.sh
