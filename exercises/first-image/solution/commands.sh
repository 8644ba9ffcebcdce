docker build -t containerlings/hello .
docker run --rm containerlings/hello
