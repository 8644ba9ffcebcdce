docker login "$CONTAINERLINGS_REGISTRY" -u learner --password-stdin < "$CONTAINERLINGS_REGISTRY_PASSWORD_FILE"
docker pull "$CONTAINERLINGS_REGISTRY/cl-app:1.1"
docker tag "$CONTAINERLINGS_REGISTRY/cl-app:1.1" "$CONTAINERLINGS_REGISTRY/cl-app:production"
docker push "$CONTAINERLINGS_REGISTRY/cl-app:production"
