# Creates the ECR repository, but pushes the image to the plain sandbox registry under the same name: not to ECR.
docker build --no-cache -t containerlings/echo-service .
aws ecr describe-repositories --repository-names cl-models >/dev/null 2>&1 ||
  aws ecr create-repository --repository-name cl-models --image-scanning-configuration scanOnPush=true
docker login "$CONTAINERLINGS_REGISTRY" -u learner --password-stdin < "$CONTAINERLINGS_REGISTRY_PASSWORD_FILE"
docker tag containerlings/echo-service "$CONTAINERLINGS_REGISTRY/cl-models:echo"
docker push "$CONTAINERLINGS_REGISTRY/cl-models:echo"
docker rmi "$CONTAINERLINGS_REGISTRY/cl-models:echo" >/dev/null
