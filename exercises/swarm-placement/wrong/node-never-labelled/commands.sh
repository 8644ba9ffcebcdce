# The service is right, but no node carries the label the constraint asks for.
docker build -t containerlings/placed .
docker service rm cl-placed 2>/dev/null || true
docker service create --name cl-placed --replicas 3 \
  --constraint node.labels.zone==a --placement-pref spread=node.labels.zone \
  --detach containerlings/placed
