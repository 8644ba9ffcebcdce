# The right image, but pinned.txt names its image ID (the config's digest), which no registry pull accepts.
docker login "$CONTAINERLINGS_REGISTRY" -u learner --password-stdin < "$CONTAINERLINGS_REGISTRY_PASSWORD_FILE"
docker pull "$CONTAINERLINGS_REGISTRY/cl-pinned:tested"
docker tag "$CONTAINERLINGS_REGISTRY/cl-pinned:tested" containerlings/pinned
echo "$CONTAINERLINGS_REGISTRY/cl-pinned@$(docker image inspect -f '{{.Id}}' containerlings/pinned)" > pinned.txt
