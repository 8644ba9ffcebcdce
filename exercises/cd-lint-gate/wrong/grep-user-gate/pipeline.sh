#!/bin/sh
# The release pipeline of cl-gate: what a CI system runs on every push.
set -eu

REGISTRY=${CONTAINERLINGS_REGISTRY:?run this in the containerlings sandbox shell (press t)}
IMAGE=$REGISTRY/cl-gate
COMMIT=$(git rev-parse HEAD)
TAG=$(git rev-parse --short HEAD)

# A home-made gate: it refuses the one mistake the linter reported (no USER), and nothing else.
if ! grep -q '^USER' Dockerfile; then
  echo "root-user: the image runs as root; add a USER line" >&2
  exit 1
fi

docker build --label org.opencontainers.image.revision="$COMMIT" -t "$IMAGE:$TAG" .
# In CI, this password comes from the CI system's secret store, never from the repository.
docker login "$REGISTRY" -u learner --password-stdin < "$CONTAINERLINGS_REGISTRY_PASSWORD_FILE"
docker push "$IMAGE:$TAG"
