#!/bin/sh
# Pretends to download the libraries listed in $1 into vendor/ (slowly, as real package managers do).
# Each run leaves a fresh fetch id, so you can tell a cached layer from a re-run.
set -e
mkdir -p vendor
while read -r name version; do
  [ -n "$name" ] || continue
  echo "downloading $name $version..."
  sleep 1
  mkdir -p "vendor/$name" && echo "$version" > "vendor/$name/VERSION"
done < "$1"
cat /proc/sys/kernel/random/uuid > vendor/.fetch-id
