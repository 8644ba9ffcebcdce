# Rebuilt "the same" Dockerfile: a new image (new created time, new digest) that nobody tested.
docker login "$CONTAINERLINGS_REGISTRY" -u learner --password-stdin < "$CONTAINERLINGS_REGISTRY_PASSWORD_FILE"
printf 'FROM containerlings/busybox\nCMD ["echo", "app 1.1"]\nLABEL rebuilt=yes\n' | docker build -t "$CONTAINERLINGS_REGISTRY/cl-app:production" -
docker push "$CONTAINERLINGS_REGISTRY/cl-app:production"
docker rmi "$CONTAINERLINGS_REGISTRY/cl-app:production"
