# The site folder is bind-mounted without :ro: the container may change the learner's files.
docker rm -f cl-kinds cl-kinds-writer 2>/dev/null || true
docker volume create cl-kinds-data
docker run --name cl-kinds-writer -v cl-kinds-data:/data containerlings/busybox sh -c 'hostname > /data/writer.txt'
docker rm cl-kinds-writer
docker run -dti --name cl-kinds -v cl-kinds-data:/data -v "$PWD/site:/site" --tmpfs /scratch containerlings/busybox
