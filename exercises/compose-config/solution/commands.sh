# Development: docker-compose.yml with docker-compose.override.yml, project cl-cfg-dev (.env), the debug profile on.
./compose --profile debug up -d --build
# Production: the production file alone (naming a file with -f turns the override off), in a project of its own.
./compose -f docker-compose.yml -p cl-cfg-prod up -d --build
