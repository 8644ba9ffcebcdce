# The right image and digest, but pinned.txt leaves out the registry: cl-pinned@sha256:... would pull from Docker Hub.
docker login "$CONTAINERLINGS_REGISTRY" -u learner --password-stdin < "$CONTAINERLINGS_REGISTRY_PASSWORD_FILE"
docker pull "$CONTAINERLINGS_REGISTRY/cl-pinned:tested"
ref=$(docker image inspect -f '{{index .RepoDigests 0}}' "$CONTAINERLINGS_REGISTRY/cl-pinned:tested")
docker pull "$ref"
docker tag "$ref" containerlings/pinned
echo "cl-pinned@${ref#*@}" > pinned.txt
