docker rm -f cl-cg-hog 2>/dev/null || true
# The hog is killed, so docker run exits with 137; "|| true" keeps this script going.
docker run --name cl-cg-hog --memory 32m --memory-swap 32m containerlings/busybox sh -c 'head -c 100m /dev/zero | tail' || true
docker inspect -f 'OOMKilled={{.State.OOMKilled}} ExitCode={{.State.ExitCode}}' cl-cg-hog
