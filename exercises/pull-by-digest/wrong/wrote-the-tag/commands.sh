# The right image, but pinned.txt names a tag, which can move.
docker login "$CONTAINERLINGS_REGISTRY" -u learner --password-stdin < "$CONTAINERLINGS_REGISTRY_PASSWORD_FILE"
docker pull "$CONTAINERLINGS_REGISTRY/cl-pinned:tested"
docker tag "$CONTAINERLINGS_REGISTRY/cl-pinned:tested" containerlings/pinned
echo "$CONTAINERLINGS_REGISTRY/cl-pinned:tested" > pinned.txt
