// The `aws` wrapper the sandbox shell and run blocks put first on PATH. The aws CLI (v2.9 in Debian) has no
// setting for a custom ECR endpoint, only the --endpoint-url flag; the wrapper adds it to `aws ecr ...` in
// local mode, so learners type exactly what they would type against AWS.
import type { SandboxServices } from './services.js';
import { installExecutable } from './executable.js';

/** Placeholder credentials for local mode: the learner's real ones are never sent to the local endpoint. */
export const LOCAL_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'containerlings-local',
  AWS_SECRET_ACCESS_KEY: 'containerlings-local',
} as const;

/**
 * Real mode, `aws ecr create-repository`: without the learner's own tags, ours are added to the command (the
 * repository is never untagged); with theirs (--tags, --cli-input-json), theirs are kept and ours are added
 * by tag-resource once the repository exists. A repository that cannot be tagged is named on stderr.
 */
const REAL_CREATE = `with_our_tags() { "$@" "Key=containerlings,Value=true" \${CONTAINERLINGS_WORKSPACE_ID:+"Key=containerlings-workspace,Value=$CONTAINERLINGS_WORKSPACE_ID"}; }
theirs="" name="" region="" profile="" endpoint_url="" prev=""
for arg in "$@"; do
  case "$prev" in
    --repository-name) name="$arg" ;;
    --region) region="$arg" ;;
    --profile) profile="$arg" ;;
    --endpoint-url) endpoint_url="$arg" ;;
  esac
  case "$arg" in
    --tags|--tags=*|--cli-input-json|--cli-input-json=*|--cli-input-yaml|--cli-input-yaml=*) theirs=1 ;;
    --generate-cli-skeleton|--generate-cli-skeleton=*) exec "$real" "$@" ;;
    help) case "$prev" in -*) ;; *) exec "$real" "$@" ;; esac ;;
    --repository-name=*) name="\${arg#--repository-name=}" ;;
    --region=*) region="\${arg#--region=}" ;;
    --profile=*) profile="\${arg#--profile=}" ;;
    --endpoint-url=*) endpoint_url="\${arg#--endpoint-url=}" ;;
  esac
  prev="$arg"
done
if [ -z "$theirs" ]; then with_our_tags exec "$real" "$@" --tags; fi
out=$(mktemp 2>/dev/null) || exec "$real" "$@"
"$real" "$@" >"$out"
code=$?
cat "$out"
if [ "$code" -eq 0 ]; then
  arn=$(sed -n 's/.*"repositoryArn": *"\\([^"]*\\)".*/\\1/p' "$out" | head -n 1)
  set -- \${region:+--region "$region"} \${profile:+--profile "$profile"} \${endpoint_url:+--endpoint-url "$endpoint_url"}
  if [ -z "$arn" ] && [ -n "$name" ]; then
    arn=$("$real" "$@" ecr describe-repositories --repository-names "$name" --query 'repositories[0].repositoryArn' --output text 2>/dev/null)
  fi
  if [ -z "$arn" ] || ! with_our_tags "$real" "$@" ecr tag-resource --resource-arn "$arn" --tags >/dev/null 2>&1; then
    echo "containerlings: could not tag \${name:-the new repository} as created by containerlings, so \\\`containerlings aws cleanup\\\` will not find it." >&2
  fi
fi
rm -f "$out"
exit "$code"`;

export function wrapperScript(endpoint: string): string {
  return `#!/bin/sh
# containerlings: \`aws ecr ...\` goes to the local ECR endpoint (${endpoint}) unless CONTAINERLINGS_AWS=real.
# In real mode, a repository made by \`aws ecr create-repository\` is tagged as containerlings' own, so that
# \`containerlings aws cleanup\` can find it; what the command prints and its exit code stay the same.
here=$(cd "$(dirname "$0")" && pwd)
real=$(PATH=$(printf '%s' "$PATH" | tr ':' '\\n' | grep -vxF "$here" | paste -sd: -) command -v aws)
if [ -z "$real" ]; then
  echo "containerlings: the aws CLI is not installed (Debian: sudo apt-get install awscli)" >&2
  exit 127
fi
export AWS_PAGER=""
# The service and operation: the first two words that are not options or the values of global options.
service="" operation="" value=""
for arg in "$@"; do
  if [ -n "$value" ]; then value=""; continue; fi
  case "$arg" in
    --region|--profile|--output|--query|--endpoint-url|--ca-bundle|--color|--cli-read-timeout|--cli-connect-timeout|--cli-binary-format) value=1 ;;
    -*) ;;
    *) if [ -z "$service" ]; then service="$arg"; else operation="$arg"; break; fi ;;
  esac
done
if [ "\${CONTAINERLINGS_AWS:-local}" = real ]; then
  if [ "$service $operation" != "ecr create-repository" ]; then exec "$real" "$@"; fi
  ${REAL_CREATE.trim().split('\n').join('\n  ')}
fi
if [ "$service" != ecr ]; then exec "$real" "$@"; fi
export AWS_ACCESS_KEY_ID=${LOCAL_CREDENTIALS.AWS_ACCESS_KEY_ID} AWS_SECRET_ACCESS_KEY=${LOCAL_CREDENTIALS.AWS_SECRET_ACCESS_KEY}
unset AWS_SESSION_TOKEN AWS_PROFILE
export AWS_DEFAULT_REGION="\${AWS_REGION:-\${AWS_DEFAULT_REGION:-us-east-1}}"
exec "$real" --endpoint-url "\${CONTAINERLINGS_ECR_ENDPOINT:-${endpoint}}" "$@"
`;
}

/** Writes (or refreshes) the wrapper into `dir`; returns `dir`, the folder to put first on PATH. Synchronous, as
 * real mode needs a current wrapper before every run (an old one would not tag). */
export function installWrapper(dir: string, endpoint: string): string {
  return installExecutable(dir, 'aws', wrapperScript(endpoint));
}

export async function wrapperDir(services: SandboxServices): Promise<string> {
  return installWrapper(services.files.bin, services.ecrEndpoint);
}
