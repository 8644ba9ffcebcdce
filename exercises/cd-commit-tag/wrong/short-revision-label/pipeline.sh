#!/bin/sh
# The release pipeline of cl-web: what a CI system runs on every push.
set -eu

REGISTRY=${CONTAINERLINGS_REGISTRY:?run this in the containerlings sandbox shell (press t)}
IMAGE=$REGISTRY/cl-web

# In CI, this password comes from the CI system's secret store, never from the repository.
docker login "$REGISTRY" -u learner --password-stdin < "$CONTAINERLINGS_REGISTRY_PASSWORD_FILE"

# One commit, one tag: the tag says exactly which source the image was built from.
# The label gets the short commit: it no longer names one commit for sure.
COMMIT=$(git rev-parse --short HEAD)
TAG=$(git rev-parse --short HEAD)
docker build --label org.opencontainers.image.revision="$COMMIT" -t "$IMAGE:$TAG" .
docker push "$IMAGE:$TAG"
