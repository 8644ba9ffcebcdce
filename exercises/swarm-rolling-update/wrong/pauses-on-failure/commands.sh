# The default failure action: the broken update stops half-way, with two tasks on v2 that never get healthy.
docker build -t containerlings/rollout:v1 v1
docker build -t containerlings/rollout:v2 v2
docker service rm cl-rollout 2>/dev/null || true
docker service create --name cl-rollout --replicas 4 \
  --update-parallelism 2 --update-delay 2s \
  --detach containerlings/rollout:v1
docker service update --detach --image containerlings/rollout:v2 cl-rollout
