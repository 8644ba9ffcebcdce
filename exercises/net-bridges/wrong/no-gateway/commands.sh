docker rm -f cl-net-web cl-net-api cl-net-db 2>/dev/null || true
docker network rm cl-net-front cl-net-back 2>/dev/null || true
docker network create cl-net-front
docker network create cl-net-back
docker run -dti --name cl-net-web --network cl-net-front containerlings/busybox
docker run -dti --name cl-net-db --network cl-net-back containerlings/busybox
# The API joins only the front network: it cannot reach the database.
docker run -dti --name cl-net-api --network cl-net-front containerlings/busybox
