docker rm -f cl-net-web cl-net-api cl-net-db 2>/dev/null || true
docker network rm cl-net-front cl-net-back 2>/dev/null || true
docker network create cl-net-front
docker network create cl-net-back
# Names resolve and everything answers, but the front end can reach the database directly.
docker run -dti --name cl-net-web --network cl-net-front containerlings/busybox
docker run -dti --name cl-net-db --network cl-net-front containerlings/busybox
docker run -dti --name cl-net-api --network cl-net-front containerlings/busybox
docker network connect cl-net-back cl-net-api
