// Every check is proven on the real engine: starters fail, solutions pass, known-wrong attempts fail.
import { beforeAll, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { expectWholeCourseProven } from '../support/course-report.js';
import { docker, requireEngine } from '../support/docker.js';

beforeAll(async () => {
  await requireEngine();
});

it('selftest --json is all green and leaves nothing labelled', async () => {
  expectWholeCourseProven(await runCli(['selftest', '--json'], { timeoutMs: 2_400_000 }));
  expect(docker('ps', '-aq', '--filter', 'label=io.containerlings.sandbox').split('\n').filter(Boolean)).toEqual([]);
}, 2_400_000);
