// What the sandbox shell, run blocks and lesson templates learn about the registry, the ECR endpoint and
// the AWS mode. Synchronous and cheap (one small JSON file), because the TUI builds it on every run.
import { existsSync, readFileSync } from 'node:fs';
import { sandboxDir, sandboxFiles } from './registry/sandbox-dir.js';
import type { SandboxSettings } from './registry/sandbox-dir.js';
import { installWrapper } from './aws-wrapper.js';
import { installSelfShim } from './self-shim.js';

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
  // PATH: `containerlings` (when there is a dist/cli.js to point at), then the aws wrapper: in real mode always
  // (installed now), in local mode once `sandbox up` has written it.
  const endpoint = `http://localhost:${s?.ecrPort ?? 0}`;
  const wrapper =
    mode === 'real'
      ? [installWrapper(files.bin, endpoint)]
      : s?.ecrPort && existsSync(`${files.bin}/aws`)
        ? [files.bin]
        : [];
  const dirs = [...(installSelfShim(files.tools) ? [files.tools] : []), ...wrapper];
  const path: Record<string, string> = dirs.length ? { PATH: [...dirs, env.PATH ?? ''].join(':') } : {};
  if (!s?.ecrPort) return { CONTAINERLINGS_AWS: mode, ...path };
  const registry = env.CONTAINERLINGS_REGISTRY ?? `localhost:${s.registryPort}`;
  const common = {
    CONTAINERLINGS_AWS: mode,
    CONTAINERLINGS_REGISTRY: registry,
    CONTAINERLINGS_REGISTRY_PASSWORD_FILE: files.learnerPassword,
    AWS_PAGER: '',
    ...path,
  };
  if (mode === 'real') return common;
  return { ...common, CONTAINERLINGS_ECR_ENDPOINT: endpoint, CONTAINERLINGS_ECR_REGISTRY: `localhost:${s.ecrPort}` };
}

/** Lesson template values: {{registry}}, {{ecr-registry}}, {{region}}, {{registry-password-file}}. */
export function awsTemplateValues(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const e = awsSandboxEnv(env);
  return {
    registry: e.CONTAINERLINGS_REGISTRY ?? 'localhost:<port> (run `containerlings sandbox up`)',
    'ecr-registry':
      awsMode(env) === 'real'
        ? '<account>.dkr.ecr.<region>.amazonaws.com'
        : (e.CONTAINERLINGS_ECR_REGISTRY ?? 'localhost:<port> (run `containerlings sandbox up`)'),
    region: awsRegion(env),
    'registry-password-file': sandboxFiles().learnerPassword,
  };
}
