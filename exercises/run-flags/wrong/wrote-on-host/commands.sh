docker rm -f cl-notes 2>/dev/null || true
docker run -dti --name cl-notes -e NOTES_OWNER=ada -v "$PWD/notes:/notes" containerlings/busybox
# Runs on the host, so it writes the host's hostname, not the container's.
hostname > notes/hostname.txt
