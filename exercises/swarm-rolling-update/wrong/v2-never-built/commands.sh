# Only v1 is built: containerlings/rollout:v2 does not exist, so the update fails with "No such image" (not on
# v2's health check), and Swarm rolls back all the same.
docker build -t containerlings/rollout:v1 v1
docker service rm cl-rollout 2>/dev/null || true
docker service create --name cl-rollout --replicas 4 \
  --update-parallelism 2 --update-delay 2s --update-failure-action rollback \
  --detach containerlings/rollout:v1
docker service update --image containerlings/rollout:v2 cl-rollout || true
docker service ps cl-rollout
