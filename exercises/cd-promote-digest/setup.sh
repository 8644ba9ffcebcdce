# The exercise folder is a git repository, as a project checked out by CI would be.
if [ ! -d .git ]; then
  git init -q
  git add -A
  git -c user.name=containerlings -c user.email=setup@containerlings.invalid -c commit.gpgsign=false commit -q --no-verify -m "first version"
fi
# The pipeline pushes to this ECR repository; in a real project it would be created once, with the infrastructure.
aws ecr describe-repositories --repository-names cl-release >/dev/null 2>&1 ||
  aws ecr create-repository --repository-name cl-release >/dev/null
