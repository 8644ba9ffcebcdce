# No tag in the name means :latest, not 1.0.
docker build -t containerlings/reg-hello .
docker login "$CONTAINERLINGS_REGISTRY" -u learner --password-stdin < "$CONTAINERLINGS_REGISTRY_PASSWORD_FILE"
docker tag containerlings/reg-hello "$CONTAINERLINGS_REGISTRY/cl-hello"
docker push "$CONTAINERLINGS_REGISTRY/cl-hello"
docker rmi "$CONTAINERLINGS_REGISTRY/cl-hello" >/dev/null
