docker rm -f cl-net-web cl-net-api cl-net-db 2>/dev/null || true
docker network rm cl-net-front cl-net-back 2>/dev/null || true
docker network create cl-net-front
docker network create cl-net-back
# The networks exist, but without --network every container joins the default bridge, where names do not resolve.
docker run -dti --name cl-net-web containerlings/busybox
docker run -dti --name cl-net-db containerlings/busybox
docker run -dti --name cl-net-api containerlings/busybox
