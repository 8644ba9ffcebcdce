#!/usr/bin/env bash
# Podman's Docker-compatible API for the engine tests: `up` starts `podman system service` on a socket of its own
# and prints the DOCKER_HOST to use; `down` stops it and removes what `up` made. Installs nothing (.ci/run does).
#   scripts/engines/podman.sh up     → prints the DOCKER_HOST to use: unix:///.../podman.sock
#   scripts/engines/podman.sh down
# State lives in $CONTAINERLINGS_PODMAN_DIR (default /tmp/containerlings-podman): containers.conf, the socket,
# the service's pid and log.
set -euo pipefail
dir="${CONTAINERLINGS_PODMAN_DIR:-/tmp/containerlings-podman}"
sock="$dir/podman.sock"

up() {
  command -v podman >/dev/null 2>&1 || { echo "podman.sh: podman is not installed (apt-get install podman)" >&2; exit 1; }
  if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then echo "unix://$sock"; return; fi
  mkdir -p "$dir"
  # Podman gives containers the highest rlimits by default, and starting them fails where this machine cannot
  # raise rlimits (a container or VM): "error setting rlimit type 7/6". Ask for small fixed ones. (This shell's own
  # limits are not enough: nproc=96362 still failed with type 6 in CI, while 1024 works.)
  cat >"$dir/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
CONF
  rm -f "$sock"
  CONTAINERS_CONF="$dir/containers.conf" nohup podman system service --time=0 "unix://$sock" >"$dir/service.log" 2>&1 &
  echo $! >"$dir/pid"
  for _ in $(seq 1 60); do
    curl -sf --unix-socket "$sock" http://d/_ping >/dev/null 2>&1 && { echo "unix://$sock"; return; }
    kill -0 "$(cat "$dir/pid")" 2>/dev/null || break
    sleep 0.5
  done
  echo "podman.sh: the Podman service did not answer at $sock; its log:" >&2
  tail -20 "$dir/service.log" >&2
  down
  exit 1
}

down() {
  if [ -f "$dir/pid" ]; then
    pid="$(cat "$dir/pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  # Podman 4.3 leaves the conmon of an exec session (health checks, docker exec) waiting after its container is
  # removed: stop those whose container no longer exists, and only those.
  for c in $(pgrep -x conmon || true); do
    id="$(tr '\0' '\n' <"/proc/$c/cmdline" 2>/dev/null | sed -n '/^-c$/{n;p;q}')"
    [ -n "$id" ] && ! podman container exists "$id" 2>/dev/null && kill "$c" 2>/dev/null || true
  done
  rm -rf "$dir"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
