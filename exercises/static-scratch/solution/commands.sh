docker build -t containerlings/hello-static .
docker run --rm containerlings/hello-static
docker images containerlings/hello-static
