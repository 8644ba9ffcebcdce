#!/bin/sh
# The release pipeline of cl-gate: what a CI system runs on every push.
set -eu

REGISTRY=${CONTAINERLINGS_REGISTRY:?run this in the containerlings sandbox shell (press t)}
IMAGE=$REGISTRY/cl-gate
COMMIT=$(git rev-parse HEAD)
TAG=$(git rev-parse --short HEAD)


docker build --label org.opencontainers.image.revision="$COMMIT" -t "$IMAGE:$TAG" .
# In CI, this password comes from the CI system's secret store, never from the repository.
docker login "$REGISTRY" -u learner --password-stdin < "$CONTAINERLINGS_REGISTRY_PASSWORD_FILE"
docker push "$IMAGE:$TAG"
# Lint last: by now the image is already published.
containerlings lint Dockerfile
