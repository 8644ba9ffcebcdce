// submit → verify → report against a real registry: an honest student's pushed image is re-checked and
// marked verified; a student who rewrote a fail into a pass (and re-hashed the bundle) is contradicted.
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sealBundle, type Bundle } from '../../src/grading/bundle.js';
import { ROOT, runCli, STACK_FRAME, tempDir } from '../support/cli.js';
import { docker, dockerOk, requireEngine } from '../support/docker.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';

const dir = tempDir('containerlings-verify-');
const bundles = join(dir, 'bundles');
const workshop = join(dir, 'workshop.yaml');
let registry: TestRegistry;

async function student(name: string, attempt: string): Promise<void> {
  const ws = join(dir, name);
  expect((await runCli(['init', ws, '--workshop', workshop])).code).toBe(0);
  const exercise = join(ROOT, 'exercises', 'first-image');
  cpSync(join(exercise, attempt), join(ws, 'first-image'), { recursive: true });
  execFileSync('sh', ['-e', join(exercise, 'solution', 'commands.sh')], {
    cwd: join(ws, 'first-image'),
    stdio: 'ignore',
  });
  const submitted = await runCli(['submit', '--student', name, '--out', bundles, '--workspace', ws, '--json']);
  expect([0, 1]).toContain(submitted.code);
}

beforeAll(async () => {
  await requireEngine();
  registry = await startRegistry();
  writeFileSync(
    workshop,
    `version: 1\ntitle: Verify test\nlessons: [dockerfiles-and-images]\nregistry: ${registry.address}\n`,
  );
  await student('alice', 'solution');
  // Bob's image prints the wrong text; his check fails, so submit pushes nothing for it. He forges: edits the
  // result to "pass", points "pushed" at Alice's upload, and re-hashes the bundle so its manifest matches.
  await student('bob', 'wrong/wrong-greeting');
  const file = join(bundles, 'bob.containerlings-bundle.json');
  const bob: Bundle = JSON.parse(readFileSync(file, 'utf8'));
  const alice: Bundle = JSON.parse(readFileSync(join(bundles, 'alice.containerlings-bundle.json'), 'utf8'));
  expect(bob.results.results[0].outcome).toBe('fail');
  (bob.results.results[0] as { outcome: string }).outcome = 'pass';
  const { manifest: _, ...rest } = { ...bob, pushed: [{ ...alice.pushed[0] }] };
  writeFileSync(file, JSON.stringify(sealBundle(rest)));
  // The instructor's engine starts without the students' images: everything verify sees comes from the registry.
  if (dockerOk('image', 'inspect', 'containerlings/hello')) docker('rmi', 'containerlings/hello');
}, 300_000);

afterAll(() => {
  registry?.stop();
  if (dockerOk('image', 'inspect', 'containerlings/hello')) docker('rmi', 'containerlings/hello');
});

it('submit pushed the passing image to the class registry, by digest', () => {
  const alice: Bundle = JSON.parse(readFileSync(join(bundles, 'alice.containerlings-bundle.json'), 'utf8'));
  expect(alice.results.results[0].outcome).toBe('pass');
  expect(alice.pushed).toEqual([
    expect.objectContaining({
      exercise: 'first-image',
      image: 'containerlings/hello',
      reference: `${registry.address}/alice/hello:first-image`,
    }),
  ]);
  expect(alice.pushed[0].digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(alice.pushed[0].imageId).toBe(alice.results.results[0].images[0].id);
  expect(alice.files.map((f) => f.path)).toContain('first-image/Dockerfile');
});

it('verify re-checks pushed images on this engine; report marks verified and contradicted results', async () => {
  const verified = await runCli(['verify', bundles, '--workshop', workshop, '--json']);
  expect(verified.code, verified.stderr).toBe(1); // Bob's bundle is contradicted
  const record = JSON.parse(verified.stdout);
  const alice = record.results.find((r: { student: string }) => r.student === 'alice');
  expect(alice).toMatchObject({ exercise: 'first-image', outcome: 'pass', problems: [] });
  expect(alice.pulled).toMatch(new RegExp(`^${registry.address}/alice/hello:first-image@sha256:`));
  const bob = record.results.find((r: { student: string }) => r.student === 'bob');
  // The image Bob points at passes, but it is not the image his own check judged.
  expect(bob.problems.join()).toMatch(/the registry holds image .* but the bundle says .* was checked/);
  // Nothing verify pulled or tagged is left behind.
  expect(dockerOk('image', 'inspect', 'containerlings/hello')).toBe(false);

  const report = await runCli(['report', bundles, '--workshop', workshop, '--json']);
  expect(report.code).toBe(1);
  const model = JSON.parse(report.stdout);
  const row = (name: string) => model.students.find((s: { student: string }) => s.student === name);
  expect(row('alice').cells['first-image']).toMatchObject({ outcome: 'pass', trust: 'verified' });
  expect(row('alice').cells.layers).toMatchObject({ outcome: 'fail', trust: 'self-reported' });
  expect(row('alice').flags.filter((f: string) => !f.includes('same image'))).toEqual([]);
  expect(row('bob').cells['first-image']).toMatchObject({ outcome: 'pass', trust: 'contradicted' });
  expect(row('bob').flags.join('\n')).toMatch(/first-image: verify says/);
  expect(model.passRate['first-image']).toMatchObject({ passed: 2, verified: 1 });
});

it('verify skips files that are not valid bundles, says which and why, and still re-checks the rest', async () => {
  const hostile = join(dir, 'hostile');
  cpSync(bundles, hostile, { recursive: true });
  rmSync(join(hostile, 'verification.json'), { force: true });
  writeFileSync(join(hostile, 'mallory.containerlings-bundle.json'), JSON.stringify({ checkHash: 42, pushed: null }));
  writeFileSync(join(hostile, 'eve.containerlings-bundle.json'), '{"student": "<script>x</script>", ');
  const verified = await runCli(['verify', hostile, '--workshop', workshop, '--json']);
  expect(verified.code, verified.stderr).toBe(1); // Bob is still contradicted
  expect(verified.stdout + verified.stderr).not.toMatch(STACK_FRAME);
  const record = JSON.parse(verified.stdout);
  expect(record.results.map((r: { student: string }) => r.student).sort()).toEqual(['alice', 'bob']);
  expect(record.skipped.map((s: { file: string }) => s.file)).toEqual([
    'eve.containerlings-bundle.json',
    'mallory.containerlings-bundle.json',
  ]);
  const plain = await runCli(['verify', hostile, '--workshop', workshop]);
  expect(plain.stderr).toMatch(/Skipped mallory\.containerlings-bundle\.json: /);
  expect(dockerOk('image', 'inspect', 'containerlings/hello')).toBe(false);
});
