# Tagged, but never pushed: the name alone puts nothing in the registry.
docker build -t containerlings/reg-hello .
docker tag containerlings/reg-hello "$CONTAINERLINGS_REGISTRY/cl-hello:1.0"
docker rmi "$CONTAINERLINGS_REGISTRY/cl-hello:1.0" >/dev/null
