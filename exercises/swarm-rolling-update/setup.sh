# Swarm mode for this exercise. An engine already in a swarm is reused as it is. Otherwise containerlings
# initialises one on loopback and labels its node with $CONTAINERLINGS_LABEL: that label is how `sandbox clean` knows
# the swarm is ours to leave.
state=$(docker info --format '{{.Swarm.LocalNodeState}}')
if [ "$state" = inactive ]; then
  docker swarm init --advertise-addr 127.0.0.1 >/dev/null
  # Without the label, reset could not tell this swarm from the learner's: undo the init rather than leak it.
  docker node update --label-add "$CONTAINERLINGS_LABEL" "$(docker info --format '{{.Swarm.NodeID}}')" >/dev/null \
    || { docker swarm leave --force >/dev/null; exit 1; }
fi
