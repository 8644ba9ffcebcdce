#!/bin/sh
# The release pipeline of cl-release: lint, build, tag with the commit, push to ECR, report the digest.
set -eu

REPOSITORY=cl-release
COMMIT=$(git rev-parse HEAD)
TAG=$(git rev-parse --short HEAD)

containerlings lint Dockerfile

# The repository's URI is <registry>/<repository>: log Docker in to that registry.
URI=$(aws ecr describe-repositories --repository-names "$REPOSITORY" --query 'repositories[0].repositoryUri' --output text)
aws ecr get-login-password | docker login --username AWS --password-stdin "${URI%%/*}"

docker build --label org.opencontainers.image.revision="$COMMIT" -t "$URI:$TAG" .
docker push "$URI:$TAG"

# What the next stages need: the digest ECR recorded for this build. Tests run against it; promotion uses it.
DIGEST=$(aws ecr describe-images --repository-name "$REPOSITORY" --image-ids imageTag="$TAG" --query 'imageDetails[0].imageDigest' --output text)
echo "$DIGEST" > digest.txt
echo "built $REPOSITORY:$TAG as $DIGEST (also in digest.txt)"
