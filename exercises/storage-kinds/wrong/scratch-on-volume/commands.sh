# Scratch space on a second named volume: it is kept on disk, and outlives the container.
docker rm -f cl-kinds cl-kinds-writer 2>/dev/null || true
docker volume create cl-kinds-data
docker run --name cl-kinds-writer -v cl-kinds-data:/data containerlings/busybox sh -c 'hostname > /data/writer.txt'
docker rm cl-kinds-writer
docker run -dti --name cl-kinds -v cl-kinds-data:/data -v "$PWD/site:/site:ro" -v cl-kinds-scratch:/scratch \
  containerlings/busybox
