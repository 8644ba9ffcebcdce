docker rm -f cl-notes 2>/dev/null || true
docker run -dti --name cl-notes -v "$PWD/notes:/notes" containerlings/busybox
docker exec cl-notes sh -c 'hostname > /notes/hostname.txt'
