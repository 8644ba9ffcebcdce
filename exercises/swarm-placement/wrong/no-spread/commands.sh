# Constrained to zone a, but nothing asks Swarm to spread the tasks over zones.
docker build -t containerlings/placed .
docker node update --label-add zone=a "$(docker info --format '{{.Swarm.NodeID}}')"
docker service rm cl-placed 2>/dev/null || true
docker service create --name cl-placed --replicas 3 \
  --constraint node.labels.zone==a \
  --detach containerlings/placed
