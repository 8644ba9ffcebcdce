docker rm -f cl-notes 2>/dev/null || true
# Read-only (:ro): the container cannot write into the folder, so the file is written by the host's shell instead.
docker run -dti --name cl-notes -e NOTES_OWNER=ada -v "$PWD/notes:/notes:ro" containerlings/busybox
docker exec cl-notes sh -c 'hostname > /notes/hostname.txt' || true
docker exec cl-notes hostname > notes/hostname.txt
