# No second container: cl-kinds writes writer.txt itself, so nothing was shared and nothing outlived a container.
docker rm -f cl-kinds cl-kinds-writer 2>/dev/null || true
docker volume create cl-kinds-data
docker run -dti --name cl-kinds -v cl-kinds-data:/data -v "$PWD/site:/site:ro" --tmpfs /scratch containerlings/busybox
docker exec cl-kinds sh -c 'hostname > /data/writer.txt'
