# The update settings arrive with the broken image: the rollback restores the spec from before, without them.
docker build -t containerlings/rollout:v1 v1
docker build -t containerlings/rollout:v2 v2
docker service rm cl-rollout 2>/dev/null || true
docker service create --name cl-rollout --replicas 4 --detach containerlings/rollout:v1
docker service update --update-parallelism 2 --update-delay 2s --update-failure-action rollback \
  --image containerlings/rollout:v2 cl-rollout
