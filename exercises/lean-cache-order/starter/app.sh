#!/bin/sh
# Prints a report line naming the libraries it was built with.
[ -d /app/vendor ] || { echo "report: no libraries in /app/vendor (was fetch-deps.sh run?)" >&2; exit 1; }
libs=$(for d in /app/vendor/*/; do n=$(basename "$d"); printf '%s %s, ' "$n" "$(cat "$d/VERSION")"; done)
echo "report v1 with ${libs%, }"
