# Everything set up right, but v2 is never rolled out: nothing has been tested yet.
docker build -t containerlings/rollout:v1 v1
docker build -t containerlings/rollout:v2 v2
docker service rm cl-rollout 2>/dev/null || true
docker service create --name cl-rollout --replicas 4 \
  --update-parallelism 2 --update-delay 2s --update-failure-action rollback \
  --detach containerlings/rollout:v1
