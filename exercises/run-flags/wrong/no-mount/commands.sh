docker rm -f cl-notes 2>/dev/null || true
# No -v: /notes is an ordinary folder inside the container, invisible from the host.
docker run -dti --name cl-notes -e NOTES_OWNER=ada containerlings/busybox
docker exec cl-notes sh -c 'mkdir -p /notes && hostname > /notes/hostname.txt'
