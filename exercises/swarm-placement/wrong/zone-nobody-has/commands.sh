# The constraint asks for zone b, but the only node is in zone a: the tasks wait, Pending, for a node that fits.
docker build -t containerlings/placed .
docker node update --label-add zone=a "$(docker info --format '{{.Swarm.NodeID}}')"
docker service rm cl-placed 2>/dev/null || true
docker service create --name cl-placed --replicas 3 \
  --constraint node.labels.zone==b --placement-pref spread=node.labels.zone \
  --detach containerlings/placed
