#!/bin/sh
# Promotes one tested build to production: sh promote.sh sha256:<digest>
set -eu

REPOSITORY=cl-release
DIGEST=${1:?usage: sh promote.sh sha256:<digest of the tested image>}

# TODO: make the tag "production" of $REPOSITORY point at the image $DIGEST names.
echo "promote.sh: not written yet" >&2
exit 1
