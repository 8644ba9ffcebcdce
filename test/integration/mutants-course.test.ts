// The mutant test of the whole course (issue "Verdicts you can trust"): every exercise this machine can prove runs
// its picked mutants, each must fail its check, and the figures must be those of mutants.json. The exercises the
// remote engine proves run there (engine-remote.test.ts), beside this file, when that engine is part of the run.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { labelledContainers, newLabelledContainers, requireEngine } from '../support/docker.js';
import { mutantsAsRecorded } from '../support/mutant-record.js';
import { mutantsOnRemote, remoteRuns } from '../support/remote.js';

/** No cluster can exist on this machine (README: "Engines"); its skip is proven by kubernetes-skip.test.ts. */
const NEEDS_A_CLUSTER = ['k8s-desired-count'];

const here = () => {
  const elsewhere = new Set([...NEEDS_A_CLUSTER, ...(remoteRuns() ? mutantsOnRemote() : [])]);
  return readdirSync(join(ROOT, 'exercises')).filter((id) => !elsewhere.has(id));
};

beforeAll(async () => {
  await requireEngine();
});

it('kills every mutant of every exercise proven on this engine, as mutants.json records', async () => {
  const before = labelledContainers();
  const exercises = here();
  expect(exercises.length).toBeGreaterThanOrEqual(remoteRuns() ? 15 : 38);
  const started = Date.now();
  const report = await mutantsAsRecorded(exercises);
  console.log(
    `mutants on this engine: ${report.mutants.length} exercises, ` +
      `${report.mutants.reduce((n, t) => n + t.mutants, 0)} mutants, ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  expect(newLabelledContainers(before)).toEqual([]);
}, 2_400_000);
