# Creates cl-models as asked, but also a repository named after the image, and pushes there: logged in, the push
# succeeds, and cl-models stays empty.
docker build -t containerlings/echo-service .
aws ecr describe-repositories --repository-names cl-models >/dev/null 2>&1 ||
  aws ecr create-repository --repository-name cl-models --image-scanning-configuration scanOnPush=true
aws ecr describe-repositories --repository-names echo-service >/dev/null 2>&1 ||
  aws ecr create-repository --repository-name echo-service
uri=$(aws ecr describe-repositories --repository-names echo-service --query 'repositories[0].repositoryUri' --output text)
aws ecr get-login-password | docker login --username AWS --password-stdin "${uri%%/*}"
docker tag containerlings/echo-service "$uri:echo"
docker push "$uri:echo"
docker rmi "$uri:echo" >/dev/null
