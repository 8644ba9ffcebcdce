// kit.pipeline against the real engine and git: a scratch copy at a new commit, the sandbox's environment,
// and nothing left behind, in the learner's folder or on the engine.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKit } from '../../src/checks/kit/kit.js';
import type { Engine } from '../../src/sandbox/engine/connection.js';
import { tempDir } from '../support/cli.js';
import { docker, requireEngine } from '../support/docker.js';

let engine: Engine;
const workspaceId = `ws-pipeline${process.pid}`;
const kit = (dir: string, signal = new AbortController().signal) =>
  createKit({ engine, workspaceId, dir, startedAt: new Date(Date.now() - 60_000), signal });
const git = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t.invalid', ...args], {
    cwd: dir,
    encoding: 'utf8',
  }).trim();

beforeAll(async () => {
  engine = await requireEngine();
});

/** An exercise folder: a repository with one commit, plus an uncommitted change. */
function project(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'Dockerfile'), 'FROM containerlings/busybox\nCMD ["true"]\n');
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'first');
  writeFileSync(join(dir, 'note.txt'), 'not committed yet\n');
  return dir;
}

describe('kit.pipeline', () => {
  it("runs at a new commit holding the uncommitted files, and leaves the learner's repository as it was", async () => {
    const dir = project();
    const head = git(dir, 'rev-parse', 'HEAD');
    writeFileSync(
      join(dir, 'pipeline.sh'),
      'set -eu\ngit rev-parse HEAD\ncat note.txt\ngit status --porcelain | wc -l\necho "ci=$CI"\ncommand -v containerlings\n',
    );
    const run = await kit(dir).pipeline(['sh', 'pipeline.sh']);
    expect(run.exitCode, run.output).toBe(0);
    const [printed, note, dirty, ci, shim] = run.output.trim().split('\n');
    expect(printed).toBe(run.commit);
    expect(run.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(run.commit).not.toBe(head);
    expect(note).toBe('not committed yet');
    expect(dirty).toBe('0');
    expect(ci).toBe('ci=true');
    expect(shim).toMatch(/\/containerlings$/);
    expect(git(dir, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(dir, 'status', '--porcelain')).toBe('?? note.txt\n?? pipeline.sh');
    // Two runs of the same files are two commits: a tag made from the commit cannot be reused by accident.
    const again = await kit(dir).pipeline(['sh', 'pipeline.sh']);
    expect(again.commit).not.toBe(run.commit);
  });

  it('makes a folder that is not a repository into one, and applies `replace` to the copy only', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'page.txt'), 'mine\n');
    const run = await kit(dir).pipeline(['sh', '-c', 'cat page.txt; git log --oneline | wc -l'], {
      replace: { 'page.txt': 'replaced\n' },
    });
    expect(run.output.trim().split('\n')).toEqual(['replaced', '1']);
    expect(readFileSync(join(dir, 'page.txt'), 'utf8')).toBe('mine\n');
    expect(existsSync(join(dir, '.git'))).toBe(false);
  });

  it('reports the images the run tagged with its commit, and removes those tags afterwards', async () => {
    const dir = project();
    writeFileSync(
      join(dir, 'pipeline.sh'),
      `set -eu\ndocker build -q --label test=${workspaceId} -t "cl-test-pipeline:$(git rev-parse --short HEAD)" . >/dev/null\n`,
    );
    const run = await kit(dir).pipeline(['sh', 'pipeline.sh']);
    expect(run.exitCode, run.output).toBe(0);
    expect(run.images).toHaveLength(1);
    expect(run.images[0]!.labels.test).toBe(workspaceId);
    expect(run.images[0]!.tags).toEqual([`cl-test-pipeline:${run.commit.slice(0, 7)}`]);
    expect(docker('images', '-q', 'cl-test-pipeline')).toBe('');
  });

  it('reports a failing pipeline by its exit code and output, and stops one that runs too long', async () => {
    const dir = project();
    const failed = await kit(dir).pipeline(['sh', '-c', 'echo broken >&2; exit 3']);
    expect(failed).toMatchObject({ exitCode: 3, timedOut: false });
    expect(failed.output).toContain('broken');
    const slow = await kit(dir).pipeline(['sh', '-c', 'sleep 30'], { timeout: 1 });
    expect(slow.timedOut).toBe(true);
    expect(slow.exitCode).not.toBe(0);
  });

  it('namesCommit accepts the full hash or an abbreviation of 7+ hex digits, nothing else', () => {
    const k = kit(tempDir());
    const commit = '0123456789abcdef0123456789abcdef01234567';
    expect(k.namesCommit(commit, commit)).toBe(true);
    expect(k.namesCommit('0123456', commit)).toBe(true);
    expect(k.namesCommit('012345', commit)).toBe(false);
    expect(k.namesCommit('latest', commit)).toBe(false);
    expect(k.namesCommit('1234567', commit)).toBe(false);
  });
});
