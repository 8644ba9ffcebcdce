// What the sandbox shell, run blocks and lesson templates learn about the registry, the ECR endpoint and
// the AWS mode. Synchronous and cheap (one small JSON file), because the TUI builds it on every run.
import { existsSync, readFileSync } from 'node:fs';
import { sandboxDir, sandboxFiles } from '../registry/sandbox-dir.js';
import type { SandboxSettings } from '../registry/sandbox-dir.js';
import { installWrapper } from './wrapper.js';
import { installSelfShim } from '../self-shim.js';

export type AwsMode = 'local' | 'real';

/** `--aws real` (which sets CONTAINERLINGS_AWS) or CONTAINERLINGS_AWS=real; local otherwise. */
export function awsMode(env: NodeJS.ProcessEnv = process.env): AwsMode {
  return env.CONTAINERLINGS_AWS === 'real' ? 'real' : 'local';
}

export function awsRegion(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
}

function settings(files = sandboxFiles()): SandboxSettings | undefined {
  try {
    return JSON.parse(readFileSync(files.settings, 'utf8')) as SandboxSettings;
  } catch {
    return undefined;
  }
}

/**
 * Environment additions: the sandbox's tools first on PATH, and where the registries are. The aws wrapper goes
 * first in local mode after `sandbox up` (`aws ecr` goes to the local endpoint) and always in real mode (it tags
 * the repositories the learner creates, so it is installed even before `sandbox up`); `containerlings` itself is
 * always there, for learners' scripts.
 */
export function awsSandboxEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const files = sandboxFiles(sandboxDir(env));
  const s = settings(files);
  const mode = awsMode(env);
  const tools = installSelfShim(files.tools) ? `${files.tools}:` : '';
  const realPath: Record<string, string> = mode === 'real' ? { PATH: `${tools}${installWrapper(files.bin, `http://localhost:${s?.ecrPort ?? 0}`)}:${env.PATH ?? ''}` } : {};
  if (!s?.ecrPort) return { CONTAINERLINGS_AWS: mode, ...(tools ? { PATH: `${tools}${env.PATH ?? ''}` } : {}), ...realPath };
  const registry = env.CONTAINERLINGS_REGISTRY ?? `localhost:${s.registryPort}`;
  const common = { CONTAINERLINGS_AWS: mode, CONTAINERLINGS_REGISTRY: registry, CONTAINERLINGS_REGISTRY_PASSWORD_FILE: files.learnerPassword, AWS_PAGER: '' };
  if (mode === 'real') return { ...common, ...realPath };
  const wrapper = existsSync(`${files.bin}/aws`) ? `${files.bin}:` : '';
  return { ...common, PATH: `${tools}${wrapper}${env.PATH ?? ''}`, CONTAINERLINGS_ECR_ENDPOINT: `http://localhost:${s.ecrPort}`, CONTAINERLINGS_ECR_REGISTRY: `localhost:${s.ecrPort}` };
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
