# Rebuilt "1.1" and pushed it as both 1.1 and production: the tags agree, but neither is the image that was tested.
docker login "$CONTAINERLINGS_REGISTRY" -u learner --password-stdin < "$CONTAINERLINGS_REGISTRY_PASSWORD_FILE"
printf 'FROM containerlings/busybox\nCMD ["echo", "app 1.1"]\nLABEL rebuilt=yes\n' | docker build -t "$CONTAINERLINGS_REGISTRY/cl-app:1.1" -
docker tag "$CONTAINERLINGS_REGISTRY/cl-app:1.1" "$CONTAINERLINGS_REGISTRY/cl-app:production"
docker push "$CONTAINERLINGS_REGISTRY/cl-app:1.1"
docker push "$CONTAINERLINGS_REGISTRY/cl-app:production"
docker rmi "$CONTAINERLINGS_REGISTRY/cl-app:1.1" "$CONTAINERLINGS_REGISTRY/cl-app:production"
