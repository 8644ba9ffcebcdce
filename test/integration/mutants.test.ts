// `selftest --mutants` on the real engine, bounded to one cheap exercise (first-image, three mutants): the real
// check kills a mutant and the figures add up; a check that passes everything lets every mutant survive, which
// fails the run, and a declared equivalent is counted apart and not run.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../support/cli.js';
import { labelledContainers, newLabelledContainers, requireEngine } from '../support/docker.js';

interface Tally {
  exercise: string;
  mutants: number;
  killed: number;
  equivalent: string[];
  survived: string[];
  errors: string[];
  solutionPassed: boolean;
}
interface MutantRun {
  ok: boolean;
  attempts: { attempt: string; outcome: string }[];
  mutants: Tally[];
  mutantTotals: { mutants: number; killed: number; killedPercent: number };
}

const DROP_CMD = 'Dockerfile: drop CMD ["echo", "Hello from my first image!"]';

beforeAll(async () => {
  await requireEngine();
});

it('kills a mutant of first-image with its real check, and reports the figures', async () => {
  const before = labelledContainers();
  const { code, stdout, stderr } = await runCli(
    ['selftest', '--mutants', '--mutants-max', '3', '--json', 'first-image'],
    {
      timeoutMs: 240_000,
    },
  );
  const run = JSON.parse(stdout) as MutantRun;
  const [tally] = run.mutants;
  expect(tally, stderr).toMatchObject({ exercise: 'first-image', mutants: 3, solutionPassed: true, survived: [] });
  expect(run.attempts.map((a) => a.attempt)).toEqual(['solution', ...run.attempts.slice(1).map((a) => a.attempt)]);
  expect(run.attempts.find((a) => a.attempt === `mutant: ${DROP_CMD}`)?.outcome).toBe('fail');
  expect(tally!.killed).toBeGreaterThanOrEqual(2);
  expect(tally!.killed + tally!.errors.length).toBe(3);
  expect(run.mutantTotals).toMatchObject({ mutants: 3, killed: tally!.killed });
  expect(run.mutantTotals.killedPercent).toBeCloseTo((100 * tally!.killed) / 3, 0);
  expect(code).toBe(0);
  expect(newLabelledContainers(before)).toEqual([]);
}, 300_000);

it('fails when a mutant survives, and counts a declared equivalent apart without running it', async () => {
  const content = tempDir('cl-mutants-content-');
  for (const d of ['lessons', 'exercises', 'sandbox']) cpSync(join(ROOT, d), join(content, d), { recursive: true });
  const dir = join(content, 'exercises', 'first-image');
  // A check with a hole: it passes whatever was built.
  writeFileSync(
    join(dir, 'check.ts'),
    "import type { Check } from 'containerlings/kit';\n" +
      "const check: Check = async (kit) => kit.pass('anything goes');\n" +
      'export default check;\n',
  );
  writeFileSync(
    join(dir, 'exercise.yaml'),
    `${readFileSync(join(dir, 'exercise.yaml'), 'utf8')}equivalentMutants:\n  '${DROP_CMD}': declared for this test\n`,
  );
  const { code, stdout, stderr } = await runCli(['selftest', '--mutants', '--mutants-max', '2', 'first-image'], {
    env: { CONTAINERLINGS_CONTENT: content },
    timeoutMs: 240_000,
  });
  expect(stdout, stderr).toMatch(/^SURVIVED first-image +Dockerfile: FROM containerlings\/busybox→/m);
  expect(stdout).not.toContain(`killed   first-image          ${DROP_CMD}`);
  expect(stdout).toMatch(/^first-image +2 +0 +1 +1 +0$/m);
  expect(stdout).toContain(
    '2 mutants: 0 killed (0% of the 1 not declared equivalent), 1 declared equivalent, 1 survived',
  );
  expect(code).toBe(1);
}, 300_000);
