docker build -t containerlings/layers .
docker run --rm containerlings/layers
docker history containerlings/layers
