// The kit's pipeline member: runs the learner's CI script as a CI system would, in a scratch copy at a new
// commit, and reports what it did. The learner's folder is never changed.
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { CancelledError } from '../../errors.js';
import { isNotFound, onEngine, type Engine } from '../../sandbox/engine/connection.js';
import { runCommand, scriptEnv } from '../../sandbox/script.js';
import { run } from '../../sandbox/process.js';
import { imageFacts } from '../../sandbox/engine/facts.js';
import { insideDir } from './files.js';
import type { KitContext } from './context.js';
import type { PipelineKit, PipelineRun } from './api.js';
import type { ImageFacts } from './api.js';

const OUTPUT_LIMIT = 4000;
const COMMITTER = [
  '-c',
  'user.name=containerlings',
  '-c',
  'user.email=check@containerlings.invalid',
  '-c',
  'commit.gpgsign=false',
];

async function git(dir: string, args: readonly string[], signal: AbortSignal): Promise<string> {
  const ran = await run(['git', ...COMMITTER, ...args], {
    cwd: dir,
    signal,
    timeoutMs: 30_000,
    missing: 'This check runs your pipeline at a git commit, and git is not installed.',
    install: 'Install git (Debian/Ubuntu: apt-get install git), then check again.',
  });
  if (ran.cancelled) throw new CancelledError();
  if (ran.code !== 0)
    throw new Error(
      `git ${args[0]} failed in the pipeline's copy: ${ran.stderr.trim() || `exit ${ran.code ?? ran.signal}`}`,
    );
  return ran.stdout.trim();
}

/** A copy of the exercise folder with everything in it committed; returns the commit. */
async function commitCopy(
  from: string,
  to: string,
  replace: Readonly<Record<string, string>>,
  signal: AbortSignal,
): Promise<string> {
  await cp(from, to, { recursive: true });
  for (const [file, text] of Object.entries(replace)) await writeFile(insideDir(to, file), text);
  if (!existsSync(join(to, '.git'))) await git(to, ['init', '-q'], signal);
  await git(to, ['add', '-A'], signal);
  // The nonce makes every run a new commit, even for identical files in the same second.
  await git(
    to,
    ['commit', '-q', '--allow-empty', '--no-verify', '-m', `containerlings check ${randomBytes(4).toString('hex')}`],
    signal,
  );
  return git(to, ['rev-parse', 'HEAD'], signal);
}

async function localTags(engine: Engine): Promise<Set<string>> {
  const images = await onEngine(engine, () => engine.docker.listImages());
  return new Set(images.flatMap((i) => i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'));
}

/**
 * Reads, then untags (never force-removes), the tags the run created that carry its commit or name one of the
 * sandbox's registries: without this, every check would leave one more image behind.
 */
async function collectRunTags(
  engine: Engine,
  before: Set<string>,
  commit: string,
  registries: readonly string[],
): Promise<ImageFacts[]> {
  const ours = (t: string) =>
    namesCommit(t.slice(t.lastIndexOf(':') + 1), commit) || registries.some((r) => t.startsWith(`${r}/`));
  const mine = [...(await localTags(engine))].filter((t) => !before.has(t) && ours(t));
  const facts: ImageFacts[] = [];
  for (const tag of mine) {
    const f = await imageFacts(engine, tag);
    if (f && !facts.some((seen) => seen.id === f.id)) facts.push(f);
  }
  for (const tag of mine) {
    await onEngine(engine, () => engine.docker.getImage(tag).remove()).catch((e) => {
      if (!isNotFound(e) && !/image is being used|conflict/i.test(String(e))) throw e;
    });
  }
  return facts;
}

export function namesCommit(tag: string, commit: string): boolean {
  return /^[0-9a-f]{7,40}$/.test(tag) && commit.startsWith(tag);
}

export function pipelineKit(ctx: KitContext): PipelineKit {
  return {
    namesCommit,
    async pipeline(command, options = {}): Promise<PipelineRun> {
      const copy = await mkdtemp(join(tmpdir(), 'containerlings-pipeline-'));
      try {
        const commit = await commitCopy(ctx.dir, copy, options.replace ?? {}, ctx.signal);
        const before = await localTags(ctx.engine);
        // scriptEnv: docker, the aws wrapper and `containerlings` on PATH, as in the sandbox shell; CI=true as CI systems set.
        const env = scriptEnv(ctx.workspaceId, { CI: 'true' });
        const ran = await runCommand(command, copy, options.timeout ?? 60, ctx.signal, env);
        const registries = [env.CONTAINERLINGS_REGISTRY, env.CONTAINERLINGS_ECR_REGISTRY].filter((r): r is string =>
          Boolean(r),
        );
        const images = await collectRunTags(ctx.engine, before, commit, registries);
        const output = ran.output.slice(-OUTPUT_LIMIT);
        return {
          exitCode: ran.code,
          output,
          lastLines: output.trim().split('\n').slice(-6).join('\n'),
          timedOut: ran.timedOut,
          commit,
          images,
        };
      } finally {
        await rm(copy, { recursive: true, force: true });
      }
    },
  };
}
