// One self-test per engine at a time: a second one is refused with who holds the engine, and changes nothing; a
// claim left by a self-test whose process is gone is taken over; the claim goes when the self-test ends.
import { hostname } from 'node:os';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { claimEngine, CLAIM_NETWORK } from '../../src/authoring/selftest-claim.js';
import type { Engine } from '../../src/sandbox/engine/connection.js';
import { runCli, STACK_FRAME } from '../support/cli.js';
import { docker, dockerOk, labelledContainers, newLabelledContainers, requireEngine } from '../support/docker.js';

let engine: Engine;
const claims = () => docker('network', 'ls', '-q', '--filter', `name=^${CLAIM_NETWORK}$`);

beforeAll(async () => {
  engine = await requireEngine();
});
afterEach(() => void dockerOk('network', 'rm', CLAIM_NETWORK));

it('refuses a self-test while another holds the engine, saying who, and touches nothing', async () => {
  const release = await claimEngine(engine); // held by this test's process, which is alive
  try {
    const before = labelledContainers();
    const { code, stdout, stderr } = await runCli(['selftest', 'first-image']);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(
      new RegExp(`Another self-test is running on this Docker engine \\(process ${process.pid} on this machine`),
    );
    expect(stderr).toMatch(/Wait for it to finish/);
    expect(stderr).not.toMatch(STACK_FRAME);
    expect(stdout).not.toMatch(/first-image\s+starter/); // no attempt ran
    expect(newLabelledContainers(before)).toEqual([]);
    expect(claims()).not.toBe(''); // the holder's claim stays
  } finally {
    await release();
  }
  expect(claims()).toBe('');
}, 120_000);

it('takes over a claim whose self-test process is gone, and removes its own claim at the end', async () => {
  // A claim as a killed self-test on this machine leaves it: its pid no longer exists.
  docker(
    'network',
    'create',
    '--internal',
    '--label',
    `io.containerlings.selftest=${JSON.stringify({ host: hostname(), pid: 2 ** 22 + 1, started: '2026-12-02T00:00:00Z' })}`,
    CLAIM_NETWORK,
  );
  const { code, stdout, stderr } = await runCli(['selftest', 'first-image']);
  expect(code, stdout + stderr).toBe(0);
  expect(stdout).toMatch(/0 wrong verdicts/);
  expect(claims()).toBe('');
}, 300_000);
