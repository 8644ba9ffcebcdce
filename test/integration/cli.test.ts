// The learner's path through the real binary and a real engine: init, list, check, hint, solve, reset.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, STACK_FRAME, tempDir } from '../support/cli.js';
import { dockerOk, requireEngine } from '../support/docker.js';

const ws = join(tempDir(), 'ws');
const inWs = (args: string[]) => runCli([...args, '--workspace', ws]);

beforeAll(async () => {
  await requireEngine();
  const init = await runCli(['init', ws, '--json']);
  expect(init.code, init.stderr).toBe(0);
  const images = JSON.parse(init.stdout).images;
  expect(Object.keys(images)).toContain('base/busybox');
  for (const how of Object.values(images)) expect(how).toMatch(/^(present|pulled|built)$/);
});

describe('a learner in a new workspace', () => {
  it('lists the lesson and its exercises as JSON', async () => {
    const { code, stdout } = await inWs(['list', '--json']);
    expect(code).toBe(0);
    const lesson = JSON.parse(stdout).lessons[0];
    expect(lesson).toMatchObject({ id: 'dockerfiles-and-images', title: 'Dockerfiles and images' });
    expect(lesson.exercises.map((e: { id: string }) => e.id)).toEqual(
      expect.arrayContaining(['first-image', 'layers', 'adder']),
    );
    expect(lesson.exercises.every((e: { status: string }) => e.status === 'todo')).toBe(true);
  });

  it('fails the untouched starter with exit 1 and says what to do', async () => {
    const { code, stdout } = await inWs(['check', 'first-image', '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({
      exercise: 'first-image',
      outcome: 'fail',
      tryNext: expect.stringContaining('docker build'),
    });
  });

  it('keeps the solution locked, and saves the hint position', async () => {
    const locked = await inWs(['solve', 'first-image']);
    expect(locked.code).toBe(2);
    expect(locked.stderr).toMatch(/after you pass the exercise, or after you give up/);
    expect(locked.stderr).not.toMatch(STACK_FRAME);
    // The starter's check (the test before) named its mistake: the first hint is that mistake's own, then the
    // progressive hints follow.
    const mistake = JSON.parse((await inWs(['hint', 'first-image', '--json'])).stdout);
    expect(mistake).toMatchObject({ number: 0, diagnosis: expect.stringMatching(/^[a-z][a-z0-9-]*$/) });
    await inWs(['hint', 'first-image']);
    const second = JSON.parse((await inWs(['hint', 'first-image', '--json'])).stdout);
    expect(second).toMatchObject({ number: 2, total: expect.any(Number) });
    expect(second.diagnosis).toBeUndefined();
    expect(
      JSON.parse(readFileSync(join(ws, '.containerlings', 'progress.json'), 'utf8')).exercises['first-image']
        .hintsShown,
    ).toBe(2);
  });

  it('passes after the learner does the work, then unlocks the solution', async () => {
    const dir = join(ws, 'first-image');
    cpSync(join(ROOT, 'exercises', 'first-image', 'solution', 'Dockerfile'), join(dir, 'Dockerfile'));
    execFileSync('docker', ['build', '-q', '-t', 'containerlings/hello', '.'], { cwd: dir, stdio: 'ignore' });
    const { code, stdout } = await inWs(['check', 'first-image', '--json']);
    expect(code, stdout).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ outcome: 'pass', evidence: expect.objectContaining({}) });
    const solution = await inWs(['solve', 'first-image', '--json']);
    expect(solution.code).toBe(0);
    expect(JSON.parse(solution.stdout).files.map((f: { file: string }) => f.file)).toContain('Dockerfile');
  });

  it("reset removes the declared image, restores the starter and backs up the learner's files", async () => {
    writeFileSync(join(ws, 'first-image', 'notes.txt'), 'mine');
    const { code, stdout } = await inWs(['reset', 'first-image', '--yes', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.removed).toContain('image containerlings/hello');
    expect(dockerOk('image', 'inspect', 'containerlings/hello')).toBe(false);
    expect(readFileSync(join(out.backup, 'notes.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(ws, 'first-image', 'notes.txt'))).toBe(false);
    expect(readdirSync(join(ws, 'first-image')).sort()).toEqual(
      readdirSync(join(ROOT, 'exercises', 'first-image', 'starter'))
        .filter((f) => f !== 'commands.sh')
        .sort(),
    );
    const after = await inWs(['check', 'first-image', '--json']);
    expect(after.code).toBe(1);
  });

  it('refuses to reset without a terminal or --yes', async () => {
    const { code, stderr } = await inWs(['reset', 'first-image']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--yes/);
  });
});

describe('when something is wrong around the learner', () => {
  const noEngine = { DOCKER_HOST: 'unix:///nonexistent/docker.sock' };

  it('doctor explains a missing engine without a stack trace', async () => {
    const { code, stdout, stderr } = await runCli(['doctor'], { env: noEngine, cwd: ws });
    expect(code).toBe(2);
    expect(stdout).toMatch(/✘ engine\s+Docker is not running: nothing answers at unix:\/\/\/nonexistent\/docker\.sock/);
    expect(stdout).toMatch(/→ Start it/);
    expect(stdout + stderr).not.toMatch(STACK_FRAME);
    const json = JSON.parse((await runCli(['doctor', '--json'], { env: noEngine, cwd: ws })).stdout);
    expect(json.findings.find((f: { name: string }) => f.name === 'engine')).toMatchObject({
      status: 'fail',
      fix: expect.stringContaining('docker info'),
    });
  });

  it('doctor names the tools a lesson needs that are missing (git, the aws CLI), with how to install them', async () => {
    const bare = tempDir('containerlings-path-');
    symlinkSync(process.execPath, join(bare, 'node'));
    const { stdout } = await runCli(['doctor', '--json'], { env: { ...noEngine, PATH: bare }, cwd: ws });
    const findings = JSON.parse(stdout).findings as { name: string; status: string; fix?: string }[];
    expect(findings.find((f) => f.name === 'git')).toMatchObject({
      status: 'warn',
      fix: expect.stringContaining('apt-get install git'),
    });
    expect(findings.find((f) => f.name === 'aws CLI')).toMatchObject({
      status: 'warn',
      fix: expect.stringContaining('awscli'),
    });
    const withTools = JSON.parse((await runCli(['doctor', '--json'], { env: noEngine, cwd: ws })).stdout).findings as {
      name: string;
      status: string;
    }[];
    expect(withTools.find((f) => f.name === 'git')?.status).toBe('ok');
  });

  it('check reports an error (exit 2), not a fail, when the engine is gone', async () => {
    const { code, stdout } = await runCli(['check', 'first-image', '--json', '--workspace', ws], { env: noEngine });
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toMatchObject({
      outcome: 'error',
      message: expect.stringContaining('Docker is not running'),
    });
  });

  it('the TUI without a terminal says what to run instead', async () => {
    const { code, stderr } = await runCli(['--workspace', ws]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/needs an interactive terminal/);
    expect(stderr).toMatch(/containerlings check <exercise>/);
    expect(stderr).not.toMatch(/Raw mode/);
  });

  it('malformed content names the file, line and field', async () => {
    const content = tempDir('containerlings-bad-');
    for (const part of ['lessons', 'exercises', 'sandbox'])
      cpSync(join(ROOT, part), join(content, part), { recursive: true });
    writeFileSync(join(content, 'package.json'), '{}');
    const file = join(content, 'exercises', 'adder', 'exercise.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: 42'));
    const { code, stderr } = await runCli(['list'], { env: { CONTAINERLINGS_CONTENT: content } });
    expect(code).toBe(2);
    expect(stderr).toMatch(/exercises\/adder\/exercise\.yaml:\d+: title: expected string, found 42$/m);
    expect(stderr).not.toMatch(STACK_FRAME);
  });

  it('an unknown exercise or command gets a next step', async () => {
    const unknown = await inWs(['check', 'no-such-thing']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/There is no exercise "no-such-thing"\.\nRun `containerlings list`/);
    const typo = await runCli(['chek']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/Unknown command "chek"/);
  });
});
