docker build -t containerlings/reg-hello .
docker login "$CONTAINERLINGS_REGISTRY" -u learner --password-stdin < "$CONTAINERLINGS_REGISTRY_PASSWORD_FILE"
docker tag containerlings/reg-hello "$CONTAINERLINGS_REGISTRY/cl-hello:1.0"
docker push "$CONTAINERLINGS_REGISTRY/cl-hello:1.0"
# The registry has it now; the local registry-named tag is no longer needed.
docker rmi "$CONTAINERLINGS_REGISTRY/cl-hello:1.0" >/dev/null
