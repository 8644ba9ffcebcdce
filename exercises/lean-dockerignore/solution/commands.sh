docker build -t containerlings/lean-ignore .
docker run --rm containerlings/lean-ignore
