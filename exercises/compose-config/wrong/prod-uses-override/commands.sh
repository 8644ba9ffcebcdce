./compose --profile debug up -d --build
# Production in its own project, but without -f: Compose also reads docker-compose.override.yml.
./compose -p cl-cfg-prod up -d --build
