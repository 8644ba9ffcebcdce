// What the sandbox shell, run blocks and lesson templates learn about the registry, the ECR endpoint and
// the AWS mode. Synchronous and cheap (one small JSON file), because the TUI builds it on every run.
import { existsSync, readFileSync } from 'node:fs';
import { sandboxFiles } from '../registry/sandbox-dir.js';
import type { SandboxSettings } from '../registry/sandbox-dir.js';

export type AwsMode = 'local' | 'real';

/** `--aws real` (which sets CONTAINERLINGS_AWS) or CONTAINERLINGS_AWS=real; local otherwise. */
export function awsMode(env: NodeJS.ProcessEnv = process.env): AwsMode {
  return env.CONTAINERLINGS_AWS === 'real' ? 'real' : 'local';
}

export function awsRegion(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
}

function settings(): SandboxSettings | undefined {
  try {
    return JSON.parse(readFileSync(sandboxFiles().settings, 'utf8')) as SandboxSettings;
  } catch {
    return undefined;
  }
}

/** Environment additions: the aws wrapper first on PATH (local mode), and where the registries are. {} before `sandbox up`. */
export function awsSandboxEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const s = settings();
  const files = sandboxFiles();
  if (!s?.ecrPort) return { CONTAINERLINGS_AWS: awsMode(env) };
  const registry = env.CONTAINERLINGS_REGISTRY ?? `localhost:${s.registryPort}`;
  const common = { CONTAINERLINGS_AWS: awsMode(env), CONTAINERLINGS_REGISTRY: registry, CONTAINERLINGS_REGISTRY_PASSWORD_FILE: files.learnerPassword, AWS_PAGER: '' };
  if (awsMode(env) === 'real') return common;
  const wrapper = existsSync(`${files.bin}/aws`) ? `${files.bin}:` : '';
  return { ...common, PATH: `${wrapper}${env.PATH ?? ''}`, CONTAINERLINGS_ECR_ENDPOINT: `http://localhost:${s.ecrPort}`, CONTAINERLINGS_ECR_REGISTRY: `localhost:${s.ecrPort}` };
}

/** Lesson template values: {{registry}}, {{ecr-registry}}, {{region}}, {{registry-password-file}}. */
export function awsTemplateValues(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const e = awsSandboxEnv(env);
  return {
    registry: e.CONTAINERLINGS_REGISTRY ?? 'localhost:<port> (run `containerlings sandbox up`)',
    'ecr-registry': awsMode(env) === 'real' ? '<account>.dkr.ecr.<region>.amazonaws.com' : e.CONTAINERLINGS_ECR_REGISTRY ?? 'localhost:<port> (run `containerlings sandbox up`)',
    region: awsRegion(env),
    'registry-password-file': sandboxFiles().learnerPassword,
  };
}
