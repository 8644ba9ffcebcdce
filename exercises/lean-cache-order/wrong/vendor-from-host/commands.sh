# Fetches the libraries on this machine once, then builds: the image has them, but no build step reads deps.txt.
sh fetch-deps.sh deps.txt
docker build -t containerlings/lean-cache .
docker run --rm containerlings/lean-cache
