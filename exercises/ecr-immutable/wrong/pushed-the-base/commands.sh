# An immutable repository, but what is pushed as 1.0 is the base image, not the image built from this folder.
aws ecr describe-repositories --repository-names cl-releases >/dev/null 2>&1 ||
  aws ecr create-repository --repository-name cl-releases --image-tag-mutability IMMUTABLE
uri=$(aws ecr describe-repositories --repository-names cl-releases --query 'repositories[0].repositoryUri' --output text)
aws ecr get-login-password | docker login --username AWS --password-stdin "${uri%%/*}"
docker tag containerlings/busybox "$uri:1.0"
docker push "$uri:1.0"
docker rmi "$uri:1.0" >/dev/null
