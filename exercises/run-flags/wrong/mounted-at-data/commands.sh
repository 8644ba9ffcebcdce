docker rm -f cl-notes 2>/dev/null || true
# The folder is mounted at /data, not at /notes.
docker run -dti --name cl-notes -e NOTES_OWNER=ada -v "$PWD/notes:/data" containerlings/busybox
docker exec cl-notes sh -c 'mkdir -p /notes && hostname > /notes/hostname.txt'
