# Publishes two releases: `tested` (and, for now, `stable`) is release A; release B is pushed as `next`.
set -e
docker login "$CONTAINERLINGS_REGISTRY" -u learner --password-stdin < "$CONTAINERLINGS_REGISTRY_PASSWORD_FILE" >/dev/null
for release in tested next; do
  printf 'FROM containerlings/busybox\nLABEL %s\nCMD ["echo", "release %s"]\n' "$CONTAINERLINGS_LABEL" "$release" | docker build -q -t "containerlings/pinned-$release" - >/dev/null
  docker tag "containerlings/pinned-$release" "$CONTAINERLINGS_REGISTRY/cl-pinned:$release"
  docker push -q "$CONTAINERLINGS_REGISTRY/cl-pinned:$release" >/dev/null
  docker rmi "$CONTAINERLINGS_REGISTRY/cl-pinned:$release" >/dev/null
done
# stable moves: first to tested, then (as tags do) to next.
docker tag containerlings/pinned-tested "$CONTAINERLINGS_REGISTRY/cl-pinned:stable" && docker push -q "$CONTAINERLINGS_REGISTRY/cl-pinned:stable" >/dev/null
docker tag containerlings/pinned-next "$CONTAINERLINGS_REGISTRY/cl-pinned:stable" && docker push -q "$CONTAINERLINGS_REGISTRY/cl-pinned:stable" >/dev/null
docker rmi "$CONTAINERLINGS_REGISTRY/cl-pinned:stable" >/dev/null
