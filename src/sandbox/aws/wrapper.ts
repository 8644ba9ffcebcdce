// The `aws` wrapper the sandbox shell and run blocks put first on PATH. The aws CLI (v2.9 in Debian) has no
// setting for a custom ECR endpoint, only the --endpoint-url flag; the wrapper adds it to `aws ecr ...` in
// local mode, so learners type exactly what they would type against AWS.
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SandboxServices } from '../services.js';

/** Placeholder credentials for local mode: the learner's real ones are never sent to the local endpoint. */
export const LOCAL_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'containerlings-local', AWS_SECRET_ACCESS_KEY: 'containerlings-local' } as const;

export function wrapperScript(endpoint: string): string {
  return `#!/bin/sh
# containerlings: \`aws ecr ...\` goes to the local ECR endpoint (${endpoint}) unless CONTAINERLINGS_AWS=real.
here=$(cd "$(dirname "$0")" && pwd)
real=$(PATH=$(printf '%s' "$PATH" | tr ':' '\\n' | grep -vxF "$here" | paste -sd: -) command -v aws)
if [ -z "$real" ]; then
  echo "containerlings: the aws CLI is not installed (Debian: sudo apt-get install awscli)" >&2
  exit 127
fi
export AWS_PAGER=""
if [ "\${CONTAINERLINGS_AWS:-local}" = real ]; then exec "$real" "$@"; fi
service=""
for arg in "$@"; do
  case "$arg" in -*) ;; *) service="$arg"; break ;; esac
done
if [ "$service" != ecr ]; then exec "$real" "$@"; fi
export AWS_ACCESS_KEY_ID=${LOCAL_CREDENTIALS.AWS_ACCESS_KEY_ID} AWS_SECRET_ACCESS_KEY=${LOCAL_CREDENTIALS.AWS_SECRET_ACCESS_KEY}
unset AWS_SESSION_TOKEN AWS_PROFILE
export AWS_DEFAULT_REGION="\${AWS_REGION:-\${AWS_DEFAULT_REGION:-us-east-1}}"
exec "$real" --endpoint-url "\${CONTAINERLINGS_ECR_ENDPOINT:-${endpoint}}" "$@"
`;
}

/** Writes (or refreshes) the wrapper; returns the folder to put first on PATH. */
export async function wrapperDir(services: SandboxServices): Promise<string> {
  const dir = services.files.bin;
  const file = join(dir, 'aws');
  const script = wrapperScript(services.ecrEndpoint);
  const current = await readFile(file, 'utf8').catch(() => '');
  if (current !== script) {
    await mkdir(dir, { recursive: true });
    await writeFile(`${file}.tmp`, script);
    await chmod(`${file}.tmp`, 0o755);
    const { rename } = await import('node:fs/promises');
    await rename(`${file}.tmp`, file);
  }
  return dir;
}

/** What the sandbox shell, run blocks and exercise scripts get in local mode. */
export async function localAwsEnv(services: SandboxServices, path = process.env.PATH ?? ''): Promise<Record<string, string>> {
  const bin = await wrapperDir(services);
  const { learnerPassword } = await import('../registry/htpasswd.js');
  await learnerPassword(services.files);
  return {
    PATH: `${bin}:${path}`,
    CONTAINERLINGS_AWS: 'local',
    CONTAINERLINGS_ECR_ENDPOINT: services.ecrEndpoint,
    CONTAINERLINGS_ECR_REGISTRY: services.ecrRegistry,
    CONTAINERLINGS_REGISTRY: services.registry,
    CONTAINERLINGS_REGISTRY_PASSWORD_FILE: services.files.learnerPassword,
    AWS_PAGER: '',
  };
}
