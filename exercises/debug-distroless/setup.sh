# Builds the distroless service containerlings/secretive and starts it as cl-secretive (a fresh token each time).
docker build -q -t containerlings/secretive --label "$CONTAINERLINGS_LABEL" app >/dev/null
docker rm -f cl-secretive >/dev/null 2>&1 || true
docker run -d --name cl-secretive --label "$CONTAINERLINGS_LABEL" --memory 64m --pids-limit 32 containerlings/secretive >/dev/null
# The check makes sure cl-secretive is still this container (the engine gives each container a new random id).
docker inspect -f '{{.Id}}' cl-secretive > .started-container
