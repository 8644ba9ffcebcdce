docker build -t containerlings/greeter:full -f Dockerfile.full .
docker build -t containerlings/greeter:distroless .
docker images containerlings/greeter
docker run --rm containerlings/greeter:distroless --check
