// `check --all`: the results document validates against the published JSON Schema, the JUnit XML against the
// The JUnit XSD in schemas/ (xmllint), exit codes follow the outcomes, and a workshop file limits what is checked.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../support/cli.js';
import { docker, requireEngine } from '../support/docker.js';
import { resultsValidator } from '../support/results-schema.js';

const XSD = join(ROOT, 'schemas', 'junit.xsd');
const dir = tempDir('containerlings-results-');
const ws = join(dir, 'ws');
const workshop = join(dir, 'workshop.yaml');
const validate = resultsValidator();

function xmllint(file: string) {
  return spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
}

beforeAll(async () => {
  await requireEngine();
  writeFileSync(
    workshop,
    'version: 1\ntitle: "Results test"\nlessons:\n  - id: dockerfiles-and-images\n    due: 2030-01-31T17:00:00Z\n',
  );
  expect((await runCli(['init', ws, '--workshop', workshop])).code).toBe(0);
  // The learner solves first-image; the other exercises stay as shipped.
  cpSync(join(ROOT, 'exercises', 'first-image', 'solution'), join(ws, 'first-image'), { recursive: true });
  execFileSync('sh', ['-e', 'commands.sh'], { cwd: join(ws, 'first-image'), stdio: 'ignore' });
});

afterAll(() => {
  try {
    docker('rmi', 'containerlings/hello');
  } catch {
    /* already gone */
  }
});

describe('check --all', () => {
  it('writes a results document that validates against schemas/results-v1.schema.json, and exits 1 on a fail', async () => {
    const junit = join(dir, 'junit.xml');
    const { code, stdout, stderr } = await runCli(['check', '--all', '--json', '--junit', junit, '--workspace', ws]);
    expect(code, stderr).toBe(1);
    const doc = JSON.parse(stdout);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.containerlings).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    expect(doc.workshop).toBe('Results test');
    // The workshop file named one lesson: its four exercises, in course order, and nothing else.
    expect(doc.results.map((r: { exercise: string }) => r.exercise)).toEqual([
      'first-image',
      'layers',
      'run-flags',
      'adder',
    ]);
    const first = doc.results[0];
    expect(first.outcome).toBe('pass');
    expect(first.checkHash).toBe(
      `sha256:${createHash('sha256')
        .update(readFileSync(join(ROOT, 'exercises', 'first-image', 'check.ts')))
        .digest('hex')}`,
    );
    expect(first.images[0]).toMatchObject({
      ref: 'containerlings/hello',
      id: docker('image', 'inspect', '--format', '{{.Id}}', 'containerlings/hello'),
    });
    expect(first.durationMs).toBeGreaterThan(0);
    expect(doc.summary).toEqual({ total: 4, pass: 1, fail: 3, error: 0 });

    const lint = xmllint(junit);
    expect(lint.status, lint.stderr).toBe(0);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/<testsuites name="containerlings" tests="4" failures="3" errors="0"/);
    expect(xml).toMatch(
      /<testcase name="layers" classname="containerlings.dockerfiles-and-images" time="[\d.]+">\s*<failure type="fail" message="There is no image/,
    );
  });

  it('the XSD check can fail: xmllint rejects a testcase without a name', () => {
    const bad = join(dir, 'bad.xml');
    writeFileSync(
      bad,
      '<testsuites><testsuite name="x" tests="1" failures="0" errors="0"><testcase classname="y"/></testsuite></testsuites>',
    );
    expect(xmllint(bad).status).not.toBe(0);
  });

  it('exits 2 when the engine is unreachable, and the document still validates', async () => {
    const junit = join(dir, 'junit-error.xml');
    const { code, stdout } = await runCli(['check', '--all', '--json', '--junit', junit, '--workspace', ws], {
      env: { DOCKER_HOST: 'unix:///nonexistent.sock' },
    });
    expect(code).toBe(2);
    const doc = JSON.parse(stdout);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.summary.error).toBe(4);
    expect(xmllint(junit).status).toBe(0);
    expect(readFileSync(junit, 'utf8')).toMatch(/<error type="error" message="Docker is not running/);
  });
});

describe('the workshop file', () => {
  it('is kept in the workspace, so list shows only its lessons without --workshop', async () => {
    expect(existsSync(join(ws, 'containerlings-workshop.yaml'))).toBe(true);
    const { code, stdout } = await runCli(['list', '--json', '--workspace', ws]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).lessons.map((l: { id: string }) => l.id)).toEqual(['dockerfiles-and-images']);
    // Without a workshop, the whole course is listed.
    const all = JSON.parse((await runCli(['list', '--json'], { cwd: dir })).stdout);
    expect(all.lessons.length).toBeGreaterThan(1);
  });

  it('workshop init writes a file that validates, and a wrong one is reported with its line', async () => {
    const file = join(dir, 'init.yaml');
    const made = await runCli([
      'workshop',
      'init',
      file,
      '--title',
      'Day 1',
      '--lessons',
      'dockerfiles-and-images',
      '--registry',
      '127.0.0.1:5000',
      '--json',
    ]);
    expect(made.code, made.stderr).toBe(0);
    expect(JSON.parse(made.stdout)).toMatchObject({
      title: 'Day 1',
      lessons: ['dockerfiles-and-images'],
      registry: '127.0.0.1:5000',
    });
    writeFileSync(join(dir, 'broken.yaml'), 'version: 1\ntitle: x\nlessons:\n  - id: no-such-lesson\n');
    const broken = await runCli(['list', '--workshop', join(dir, 'broken.yaml')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/lists the lesson "no-such-lesson"/);
    writeFileSync(join(dir, 'typo.yaml'), 'version: 1\ntitle: x\nlesons: []\n');
    expect((await runCli(['list', '--workshop', join(dir, 'typo.yaml')])).stderr).toMatch(/typo.yaml:\d+/);
  });
});
