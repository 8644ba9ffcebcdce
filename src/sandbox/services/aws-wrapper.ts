// The `aws` wrapper the sandbox shell and run blocks put first on PATH. The aws CLI (v2.9 in Debian) has no
// setting for a custom ECR endpoint, only the --endpoint-url flag; the wrapper adds it to `aws ecr ...` in
// local mode, so learners type exactly what they would type against AWS.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SandboxServices } from './model.js';
import { installExecutable } from './executable.js';

/** Placeholder credentials for local mode: the learner's real ones are never sent to the local endpoint. */
export const LOCAL_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'containerlings-local',
  AWS_SECRET_ACCESS_KEY: 'containerlings-local',
} as const;

let template: string | undefined;

/**
 * The script itself, aws-wrapper.sh, read at run time: next to this module in a checkout (src/sandbox/services/),
 * in dist/ in the bundle (scripts/build.mjs copies it there; this code may run from dist/ or dist/chunks/).
 */
function wrapperTemplate(): string {
  if (template !== undefined) return template;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, 'aws-wrapper.sh');
    if (existsSync(file)) return (template = readFileSync(file, 'utf8'));
    if (dirname(dir) === dir) throw new Error(`aws-wrapper.sh is missing above ${fileURLToPath(import.meta.url)}`);
  }
}

/** The wrapper for an endpoint: the script with the endpoint and the local placeholder credentials filled in. */
export function wrapperScript(endpoint: string): string {
  const values: Record<string, string> = { ENDPOINT: endpoint, ...LOCAL_CREDENTIALS };
  return wrapperTemplate().replace(/@([A-Z_]+)@/g, (token, name: string) => values[name] ?? token);
}

/** Writes (or refreshes) the wrapper into `dir`; returns `dir`, the folder to put first on PATH. Synchronous, as
 * real mode needs a current wrapper before every run (an old one would not tag). */
export function installWrapper(dir: string, endpoint: string): string {
  return installExecutable(dir, 'aws', wrapperScript(endpoint));
}

export async function wrapperDir(services: SandboxServices): Promise<string> {
  return installWrapper(services.files.bin, services.ecrEndpoint);
}

export interface AwsCli {
  readonly path: string;
  /** The first line of `aws --version` ("aws-cli/2.9.19 Python/3.11.2 ..."); empty if it did not answer. */
  readonly version: string;
}

/**
 * The aws CLI the wrapper runs with this process's PATH, and every aws CLI it found there, in PATH order: asked of
 * the wrapper itself (CONTAINERLINGS_AWS_WHICH=1), from a copy of its own in `dir`, so the answer is the wrapper's
 * own; the copy keeps the answer while PATH offers the same CLIs, as asking each takes a second or more.
 * Undefined when there is no aws CLI on PATH.
 */
export async function awsCliInUse(
  dir = join(tmpdir(), `containerlings-aws-which-${process.getuid?.() ?? 'user'}`),
): Promise<{ chosen: AwsCli; candidates: AwsCli[] } | undefined> {
  {
    installWrapper(dir, 'http://localhost:1');
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((done) =>
      execFile(
        join(dir, 'aws'),
        [],
        { env: { ...process.env, PATH: `${dir}:${process.env.PATH ?? ''}`, CONTAINERLINGS_AWS_WHICH: '1' } },
        (e, out) => done({ code: e ? 1 : 0, stdout: out }),
      ),
    );
    const [path = '', version = '', ...rest] = stdout.split('\n');
    if (code !== 0 || !path) return undefined;
    const candidates = rest.filter(Boolean).map((line) => {
      const [p = '', v = ''] = line.split('\t');
      return { path: p, version: v };
    });
    return { chosen: { path, version }, candidates };
  }
}
