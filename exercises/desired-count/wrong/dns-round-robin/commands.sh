# The name resolves straight to the tasks (DNS round robin): there is no virtual IP for the service.
docker build -t containerlings/hello-svc .
docker network create --driver overlay --attachable cl-swarm-net 2>/dev/null || true
docker service rm cl-hello 2>/dev/null || true
docker service create --name cl-hello --replicas 3 --network cl-swarm-net \
  --update-parallelism 1 --update-delay 2s --update-failure-action rollback --endpoint-mode dnsrr \
  --detach containerlings/hello-svc
docker service ps cl-hello
