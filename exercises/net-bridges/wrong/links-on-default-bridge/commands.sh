docker rm -f cl-net-web cl-net-api cl-net-db 2>/dev/null || true
docker network rm cl-net-front cl-net-back 2>/dev/null || true
docker network create cl-net-front
docker network create cl-net-back
# The legacy way: --link writes a name into /etc/hosts, one way only (cl-net-db cannot name cl-net-api), and all
# three share the default bridge.
# (Podman has no --link: there the same three land on its default network without the /etc/hosts lines.)
docker run -dti --name cl-net-db containerlings/busybox
docker run -dti --name cl-net-api --link cl-net-db containerlings/busybox ||
  { docker rm -f cl-net-api 2>/dev/null; docker run -dti --name cl-net-api containerlings/busybox; }
docker run -dti --name cl-net-web --link cl-net-api containerlings/busybox ||
  { docker rm -f cl-net-web 2>/dev/null; docker run -dti --name cl-net-web containerlings/busybox; }
