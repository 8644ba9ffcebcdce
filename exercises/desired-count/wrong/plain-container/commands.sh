docker build -t containerlings/hello-svc .
docker network create --driver overlay --attachable cl-swarm-net 2>/dev/null || true
docker rm -f cl-hello 2>/dev/null || true
docker run -d --name cl-hello --restart always --network cl-swarm-net containerlings/hello-svc
