# The application cl-app and its data in the volume cl-app-data: notes owned by the app's user (10001), a hidden
# settings folder with a private file, a symlink, and a fresh token each time, so that only this attempt's data matches.
docker rm -f cl-app >/dev/null 2>&1 || true
docker volume rm cl-app-data >/dev/null 2>&1 || true
docker volume create --label "$CONTAINERLINGS_LABEL" cl-app-data >/dev/null
docker run --rm --label "$CONTAINERLINGS_LABEL" -v cl-app-data:/data containerlings/busybox sh -c '
  mkdir -p /data/notes /data/.settings
  head -c 16 /dev/urandom | od -An -tx1 | tr -d " \n" > /data/notes/token.txt
  printf "buy milk\ncall the plumber\n" > /data/notes/todo.txt
  date > /data/notes/created.txt
  echo "theme=dark" > /data/.settings/app.conf
  chmod 600 /data/.settings/app.conf
  ln -s notes/todo.txt /data/today
  chown -R 10001:10001 /data/notes'
docker run -d --name cl-app --label "$CONTAINERLINGS_LABEL" --memory 32m --pids-limit 16 \
  -v cl-app-data:/data containerlings/busybox sleep 86400 >/dev/null
