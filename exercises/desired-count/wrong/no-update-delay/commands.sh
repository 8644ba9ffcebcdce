docker build -t containerlings/hello-svc .
docker network create --driver overlay --attachable cl-swarm-net 2>/dev/null || true
docker service rm cl-hello 2>/dev/null || true
docker service create --name cl-hello --replicas 3 --network cl-swarm-net \
  --update-parallelism 1 --update-failure-action rollback \
  --detach containerlings/hello-svc
docker service ps cl-hello
