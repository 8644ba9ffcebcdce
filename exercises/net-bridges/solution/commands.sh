docker rm -f cl-net-web cl-net-api cl-net-db 2>/dev/null || true
docker network rm cl-net-front cl-net-back 2>/dev/null || true
docker network create cl-net-front
docker network create cl-net-back
docker run -dti --name cl-net-web --network cl-net-front containerlings/busybox
docker run -dti --name cl-net-db --network cl-net-back containerlings/busybox
docker run -dti --name cl-net-api --network cl-net-front containerlings/busybox
# docker run takes one network; a second one is connected afterwards.
docker network connect cl-net-back cl-net-api
docker exec cl-net-web ping -c 1 -W 2 cl-net-api
docker exec cl-net-api ping -c 1 -W 2 cl-net-db
