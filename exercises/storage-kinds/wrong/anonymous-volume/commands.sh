# The writer used the named volume, but cl-kinds has -v /data: an anonymous volume, new and empty.
docker rm -f cl-kinds cl-kinds-writer 2>/dev/null || true
docker volume create cl-kinds-data
docker run --name cl-kinds-writer -v cl-kinds-data:/data containerlings/busybox sh -c 'hostname > /data/writer.txt'
docker rm cl-kinds-writer
docker run -dti --name cl-kinds -v /data -v "$PWD/site:/site:ro" --tmpfs /scratch containerlings/busybox
