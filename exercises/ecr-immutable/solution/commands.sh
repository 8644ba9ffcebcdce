docker build -t containerlings/release .
aws ecr describe-repositories --repository-names cl-releases >/dev/null 2>&1 ||
  aws ecr create-repository --repository-name cl-releases --image-tag-mutability IMMUTABLE
uri=$(aws ecr describe-repositories --repository-names cl-releases --query 'repositories[0].repositoryUri' --output text)
aws ecr get-login-password | docker login --username AWS --password-stdin "${uri%%/*}"
docker tag containerlings/release "$uri:1.0"
docker push "$uri:1.0"
# The proof: another image under 1.0 is refused.
printf 'FROM containerlings/busybox\nCMD ["echo", "sneaky"]\n' | docker build -t "$uri:1.0" -
if docker push "$uri:1.0"; then echo "the tag moved: not immutable" >&2; exit 1; fi
docker tag containerlings/release "$uri:1.0"
docker rmi "$uri:1.0" >/dev/null
