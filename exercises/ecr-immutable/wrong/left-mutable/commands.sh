# The default: MUTABLE, so anyone can push a different image as 1.0.
docker build -t containerlings/release .
aws ecr describe-repositories --repository-names cl-releases >/dev/null 2>&1 || aws ecr create-repository --repository-name cl-releases
uri=$(aws ecr describe-repositories --repository-names cl-releases --query 'repositories[0].repositoryUri' --output text)
aws ecr get-login-password | docker login --username AWS --password-stdin "${uri%%/*}"
docker tag containerlings/release "$uri:1.0"
docker push "$uri:1.0"
docker rmi "$uri:1.0" >/dev/null
