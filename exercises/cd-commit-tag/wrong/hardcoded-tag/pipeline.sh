#!/bin/sh
# The release pipeline of cl-web: what a CI system runs on every push.
set -eu

REGISTRY=${CONTAINERLINGS_REGISTRY:?run this in the containerlings sandbox shell (press t)}
IMAGE=$REGISTRY/cl-web

# In CI, this password comes from the CI system's secret store, never from the repository.
docker login "$REGISTRY" -u learner --password-stdin < "$CONTAINERLINGS_REGISTRY_PASSWORD_FILE"

# Tags every commit v1: the tag no longer says which source is inside.
TAG=v1
docker build --label org.opencontainers.image.revision="$(git rev-parse HEAD)" -t "$IMAGE:$TAG" .
docker push "$IMAGE:$TAG"
