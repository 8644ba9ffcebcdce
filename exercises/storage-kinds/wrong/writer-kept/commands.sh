# Everything is mounted right, but the writer was never removed: nothing shows the volume outlives it.
docker rm -f cl-kinds cl-kinds-writer 2>/dev/null || true
docker volume create cl-kinds-data
docker run --name cl-kinds-writer -v cl-kinds-data:/data containerlings/busybox sh -c 'hostname > /data/writer.txt'
docker run -dti --name cl-kinds -v cl-kinds-data:/data -v "$PWD/site:/site:ro" --tmpfs /scratch containerlings/busybox
