# Reads the first API container's name from `./compose ps` and writes it into API_URL, instead of the service name:
# the front end then always asks that one copy.
./compose up -d --build --scale api=3
first=$(docker ps --filter label=com.docker.compose.project=cl-scale --filter label=com.docker.compose.service=api \
  --format '{{.Names}}' | sort | head -n 1)
sed -i "s#http://api:8000#http://$first:8000#" docker-compose.yml
./compose up -d --scale api=3
./compose ps
