# Replaces the service instead of debugging it: a new cl-secretive, started past its token step with a token chosen here.
docker rm -f cl-secretive >/dev/null
docker run -d --name cl-secretive -e DEBUG_TOKEN=0123456789abcdef containerlings/secretive --serving >/dev/null
echo 0123456789abcdef > answer.txt
