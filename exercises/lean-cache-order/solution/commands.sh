docker build -t containerlings/lean-cache .
docker run --rm containerlings/lean-cache
