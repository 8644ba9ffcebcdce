docker build -t containerlings/placed .
# Label this node (docker info knows its id): the constraint below selects nodes by this label.
docker node update --label-add zone=a "$(docker info --format '{{.Swarm.NodeID}}')"
docker service rm cl-placed 2>/dev/null || true
docker service create --name cl-placed --replicas 3 \
  --constraint node.labels.zone==a --placement-pref spread=node.labels.zone \
  --detach containerlings/placed
docker service ps cl-placed
