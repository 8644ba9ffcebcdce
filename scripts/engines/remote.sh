#!/usr/bin/env bash
# A "remote" Docker engine on this machine, for tests: a second dockerd inside its own network namespace, reached
# over plain TCP on a private /30. Its 127.0.0.1 is not ours, like an engine behind tcp://, ssh:// or Docker Desktop.
#   scripts/engines/remote.sh up     # create it (idempotent) and print its DOCKER_HOST
#   scripts/engines/remote.sh down   # remove it and everything it made (idempotent)
# It never touches the main engine (/var/run/docker.sock) or its data. Needs root, ip(8) and dockerd.
set -euo pipefail

# CL_REMOTE_INSTANCE=N (1-9) makes an independent Nth engine (its own namespace, addresses and data), so that two
# jobs can each have one; unset, the names below are the ones CI uses.
N="${CL_REMOTE_INSTANCE:-}"
case "$N" in ''|[1-9]) ;; *) echo "CL_REMOTE_INSTANCE must be 1 to 9" >&2; exit 2 ;; esac
NS=cl-remote${N:+-$N}
VETH_HOST=cl-remote${N:+$N-}0          # our side, 10.231.N.1
VETH_NS=cl-remote${N:+$N-}1            # the namespace's side, 10.231.N.2
HOST_IP=10.231.${N:-0}.1
NS_IP=10.231.${N:-0}.2
PORT=2375
BRIDGE=cl-remote${N:+$N-}br           # the engine's default bridge (inside the namespace)
BIP=172.31.$((231 - ${N:-0})).1/24
ROOT=/var/lib/cl-remote-engine${N:+-$N}  # data root
RUN=/run/cl-remote-engine${N:+-$N}       # exec root, pid file
LOG=/tmp/cl-remote-engine${N:+-$N}.log
CGROUP=/cl-remote${N:+-$N}
export DOCKER_HOST="tcp://$NS_IP:$PORT"

answers() { timeout 5 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

up() {
  ip netns list | grep -qw "^$NS" || ip netns add "$NS"
  if ! ip link show "$VETH_HOST" >/dev/null 2>&1; then
    ip link add "$VETH_HOST" type veth peer name "$VETH_NS"
    ip link set "$VETH_NS" netns "$NS"
  fi
  ip addr replace "$HOST_IP/30" dev "$VETH_HOST"
  ip link set "$VETH_HOST" up
  ip netns exec "$NS" ip addr replace "$NS_IP/30" dev "$VETH_NS"
  ip netns exec "$NS" ip link set "$VETH_NS" up
  ip netns exec "$NS" ip link set lo up
  if ! answers; then
    mkdir -p "$ROOT" "$RUN"
    # No -H unix socket: the only way in is TCP, as on a remote machine. --bridge is ours (created by dockerd when
    # named docker0 only), so we make it inside the namespace.
    ip netns exec "$NS" ip link show "$BRIDGE" >/dev/null 2>&1 || {
      ip netns exec "$NS" ip link add "$BRIDGE" type bridge
      ip netns exec "$NS" ip addr add "$BIP" dev "$BRIDGE"
      ip netns exec "$NS" ip link set "$BRIDGE" up
    }
    # nsenter, not `ip netns exec`: the latter remounts /sys and hides the cgroup v1 mounts dockerd needs. Its own
    # mount namespace (slave: our mounts reach it, its overlay mounts stay there and vanish with it).
    # This machine's home, work and temp folders are hidden from it (empty tmpfs), so that, like a truly remote
    # engine, it cannot see a workspace: `-v "$PWD/x:/x"` mounts an empty folder of its own.
    setsid unshare --mount --propagation slave sh -c '
      for d in /tmp /work /root /home; do [ -d "$d" ] && mount -t tmpfs -o size=16m cl-remote-hidden "$d"; done
      exec nsenter --net="/run/netns/'"$NS"'" "$@"' remote-engine dockerd \
      --data-root "$ROOT" --exec-root "$RUN/exec" --pidfile "$RUN/dockerd.pid" \
      -H "tcp://$NS_IP:$PORT" --bridge "$BRIDGE" --cgroup-parent "$CGROUP" \
      >"$LOG" 2>&1 </dev/null &
    for _ in $(seq 1 60); do answers && break; sleep 1; done
    answers || { echo "remote engine did not start; last lines of $LOG:" >&2; tail -30 "$LOG" >&2; exit 1; }
  fi
  echo "$DOCKER_HOST"
}

down() {
  if [ -f "$RUN/dockerd.pid" ]; then
    pid=$(cat "$RUN/dockerd.pid")
    # Only if that pid is still our dockerd (the pid file may be stale).
    if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "--data-root $ROOT"; then
      # Leave swarm first so no raft state keeps tasks alive, then stop it; dockerd stops its containerd.
      docker swarm leave --force >/dev/null 2>&1 || true
      ids=$(timeout 10 docker ps -aq 2>/dev/null || true)
      [ -n "$ids" ] && timeout 30 docker rm -f $ids >/dev/null 2>&1 || true
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 30); do [ -d "/proc/$pid" ] || break; sleep 1; done
      [ -d "/proc/$pid" ] && kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  # A containerd (or shim) of ours left behind: its command line names our exec root.
  for p in $(pgrep -f -- "$RUN/exec" || true); do kill -TERM "$p" 2>/dev/null || true; done
  sleep 1
  for p in $(pgrep -f -- "$RUN/exec" || true); do kill -KILL "$p" 2>/dev/null || true; done
  # Mounts of ours (dockerd ran in its own mount namespace, but be sure): deepest first.
  for dir in "$RUN" "$ROOT"; do
    awk -v d="$dir" '$2 == d || index($2, d "/") == 1 { print $2 }' /proc/self/mounts | sort -r | while read -r m; do
      umount -l "$m" 2>/dev/null || true
    done
  done
  ip link del "$VETH_HOST" 2>/dev/null || true
  ip netns list | grep -qw "^$NS" && ip netns del "$NS" || true
  rm -rf "$ROOT" "$RUN"
  echo "remote engine removed"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
