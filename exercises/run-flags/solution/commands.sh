docker rm -f cl-notes 2>/dev/null || true
docker run -dti --name cl-notes -e NOTES_OWNER=ada -v "$PWD/notes:/notes" containerlings/busybox
docker exec cl-notes sh -c 'hostname > /notes/hostname.txt'
docker exec cl-notes sh -c 'echo "owner: $NOTES_OWNER"; ls /notes'
cat notes/hostname.txt
