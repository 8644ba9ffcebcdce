// An author's first exercise, end to end on the real engine: `dev new` scaffolds it, `selftest` says the check is not
// written yet, and once a minimal real check is written the same scaffold selftests green.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';
import { requireEngine } from '../support/docker.js';

const root = tempDir('containerlings-dev-new-');
const content = ['--content', root];

interface Attempt {
  attempt: string;
  ok: boolean;
  outcome: string;
  message: string;
}

async function selftest(): Promise<{ code: number; attempts: Attempt[] }> {
  const { code, stdout, stderr } = await runCli(['selftest', 'hello-img', '--json', ...content]);
  expect(stdout, stderr).toMatch(/^\{/);
  return { code, attempts: JSON.parse(stdout).attempts };
}

beforeAll(async () => {
  await requireEngine();
  expect((await runCli(['dev', 'new', 'lesson', 'intro', ...content])).code).toBe(0);
  expect((await runCli(['dev', 'new', 'exercise', 'hello-img', '--lesson', 'intro', ...content])).code).toBe(0);
});

it('a scaffolded exercise selftests red, saying the check is not written yet; a minimal real check makes it green', async () => {
  const before = await selftest();
  expect(before.code).toBe(1);
  const solution = before.attempts.find((a) => a.attempt === 'solution')!;
  expect(solution).toMatchObject({ ok: false, outcome: 'fail' });
  expect(solution.message).toContain('The check of hello-img is not written yet.');

  writeFileSync(
    join(root, 'exercises', 'hello-img', 'check.ts'),
    `import type { Check } from 'containerlings/kit';

const check: Check = async (kit) => {
  const image = await kit.image('containerlings/hello-img');
  if (!image || !kit.isNew(image)) return kit.diagnose('not-built', 'There is no new image containerlings/hello-img.');
  const run = await kit.run('containerlings/hello-img');
  if (run.stdout !== 'Hello from hello-img!\\n') return kit.diagnose('wrong-output', \`It printed "\${run.stdout.trim()}".\`);
  return kit.pass('It prints the greeting.');
};

export default check;
`,
  );
  const after = await selftest();
  expect(after.attempts.map((a) => `${a.attempt}:${a.outcome}:${a.ok}`)).toEqual([
    'starter:fail:true',
    'solution:pass:true',
    'wrong/forgot-to-build:fail:true',
    'wrong/wrong-output:fail:true',
  ]);
  expect(after.code).toBe(0);
}, 60_000);
