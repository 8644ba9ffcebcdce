# Pinned "stable": a tag that has moved to another release since the team tested.
docker login "$CONTAINERLINGS_REGISTRY" -u learner --password-stdin < "$CONTAINERLINGS_REGISTRY_PASSWORD_FILE"
docker pull "$CONTAINERLINGS_REGISTRY/cl-pinned:stable"
ref=$(docker image inspect -f '{{index .RepoDigests 0}}' "$CONTAINERLINGS_REGISTRY/cl-pinned:stable")
docker tag "$ref" containerlings/pinned
echo "$ref" > pinned.txt
