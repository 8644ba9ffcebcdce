docker rm -f cl-kinds cl-kinds-writer 2>/dev/null || true
docker volume create cl-kinds-data
# A first container writes into the volume, and is removed: the volume and its file stay.
docker run --name cl-kinds-writer -v cl-kinds-data:/data containerlings/busybox sh -c 'hostname > /data/writer.txt'
docker rm cl-kinds-writer
# The long-lived container: the same volume, the site folder read-only, and scratch space in memory.
docker run -dti --name cl-kinds -v cl-kinds-data:/data -v "$PWD/site:/site:ro" --tmpfs /scratch containerlings/busybox
docker exec cl-kinds cat /data/writer.txt
