# Publishes cl-app:1.0 (in production today) and cl-app:1.1 (tested, waiting for promotion).
set -e
docker login "$CONTAINERLINGS_REGISTRY" -u learner --password-stdin < "$CONTAINERLINGS_REGISTRY_PASSWORD_FILE" >/dev/null
for version in 1.0 1.1; do
  printf 'FROM containerlings/busybox\nLABEL %s\nCMD ["echo", "app %s"]\n' "$CONTAINERLINGS_LABEL" "$version" | docker build -q -t "containerlings/app-$version" - >/dev/null
  docker tag "containerlings/app-$version" "$CONTAINERLINGS_REGISTRY/cl-app:$version"
  docker push -q "$CONTAINERLINGS_REGISTRY/cl-app:$version" >/dev/null
  docker rmi "$CONTAINERLINGS_REGISTRY/cl-app:$version" >/dev/null
done
docker tag containerlings/app-1.0 "$CONTAINERLINGS_REGISTRY/cl-app:production"
docker push -q "$CONTAINERLINGS_REGISTRY/cl-app:production" >/dev/null
docker rmi "$CONTAINERLINGS_REGISTRY/cl-app:production" >/dev/null
