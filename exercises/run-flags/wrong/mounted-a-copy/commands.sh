# Mounts a copy of the notes folder (same files, another place): what the container writes never reaches notes/.
docker rm -f cl-notes 2>/dev/null || true
cp -r notes notes-copy
docker run -dti --name cl-notes -e NOTES_OWNER=ada -v "$PWD/notes-copy:/notes" containerlings/busybox
docker exec cl-notes sh -c 'hostname > /notes/hostname.txt'
cp notes-copy/hostname.txt notes/hostname.txt
