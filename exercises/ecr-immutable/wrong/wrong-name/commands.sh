# Repository names are lowercase: ECR refuses cl_Releases, so nothing is created.
docker build -t containerlings/release .
aws ecr create-repository --repository-name cl_Releases --image-tag-mutability IMMUTABLE || true
