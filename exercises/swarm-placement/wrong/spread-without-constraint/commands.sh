# The node is labelled and the tasks spread over zones, but nothing keeps them in zone a: they may go to any node.
docker build -t containerlings/placed .
docker node update --label-add zone=a "$(docker info --format '{{.Swarm.NodeID}}')"
docker service rm cl-placed 2>/dev/null || true
docker service create --name cl-placed --replicas 3 \
  --placement-pref spread=node.labels.zone \
  --detach containerlings/placed
