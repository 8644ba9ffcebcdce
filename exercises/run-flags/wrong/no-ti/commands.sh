docker rm -f cl-notes 2>/dev/null || true
# Without -ti, sh finds no input, and the container exits as soon as it starts.
docker run -d --name cl-notes -e NOTES_OWNER=ada -v "$PWD/notes:/notes" containerlings/busybox
sleep 1
docker exec cl-notes sh -c 'hostname > /notes/hostname.txt' || true
