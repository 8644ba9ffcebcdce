// Every check is proven on the real engine: starters fail, solutions pass, known-wrong attempts fail.
import { beforeAll, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { expectWholeCourseProven } from '../support/course-report.js';
import { labelledContainers, newLabelledContainers, requireEngine } from '../support/docker.js';

beforeAll(async () => {
  await requireEngine();
});

it('selftest --json is all green and leaves nothing labelled', async () => {
  const before = labelledContainers();
  expectWholeCourseProven(await runCli(['selftest', '--json'], { timeoutMs: 2_400_000 }));
  expect(newLabelledContainers(before)).toEqual([]);
}, 2_400_000);
