aws ecr describe-repositories --repository-names cl-nightly >/dev/null 2>&1 || aws ecr create-repository --repository-name cl-nightly
aws ecr put-lifecycle-policy --repository-name cl-nightly --lifecycle-policy-text file://policy.json
aws ecr get-lifecycle-policy --repository-name cl-nightly
