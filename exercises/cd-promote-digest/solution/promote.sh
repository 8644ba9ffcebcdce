#!/bin/sh
# Promotes one tested build to production: sh promote.sh sha256:<digest>
set -eu

REPOSITORY=cl-release
DIGEST=${1:?usage: sh promote.sh sha256:<digest of the tested image>}

# Fetch that image's manifest by digest, and store the same manifest under a second tag:
# ECR then has one image with two tags. Nothing is pulled, rebuilt or chosen by date.
MANIFEST=$(aws ecr batch-get-image --repository-name "$REPOSITORY" --image-ids imageDigest="$DIGEST" --query 'images[0].imageManifest' --output text)
aws ecr put-image --repository-name "$REPOSITORY" --image-tag production --image-manifest "$MANIFEST"
echo "production is now $DIGEST"
