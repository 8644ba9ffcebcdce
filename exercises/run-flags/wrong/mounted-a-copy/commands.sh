# Mounts a copy of the notes folder (same files, another place): what the container writes never reaches notes/.
docker rm -f cl-notes 2>/dev/null || true
copy=$(mktemp -d)
cp -r notes "$copy/notes"
docker run -dti --name cl-notes -e NOTES_OWNER=ada -v "$copy/notes:/notes" containerlings/busybox
docker exec cl-notes sh -c 'hostname > /notes/hostname.txt'
cp "$copy/notes/hostname.txt" notes/hostname.txt
