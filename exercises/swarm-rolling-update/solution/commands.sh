docker build -t containerlings/rollout:v1 v1
docker build -t containerlings/rollout:v2 v2
docker service rm cl-rollout 2>/dev/null || true
# The update settings go on the service first, so that they belong to the spec that stays.
docker service create --name cl-rollout --replicas 4 \
  --update-parallelism 2 --update-delay 2s --update-failure-action rollback \
  --detach containerlings/rollout:v1
docker service update --image containerlings/rollout:v2 cl-rollout
docker service ps cl-rollout
