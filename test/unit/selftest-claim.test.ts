// One self-test per engine: who holds the claim, when a claim is stale, and what the refused learner reads.
import { describe, expect, it } from 'vitest';
import { busyMessage, isStale, nameTaken, processAlive, readHolder } from '../../src/authoring/selftest-claim.js';

const label = (v: unknown) => ({ 'io.containerlings.selftest': JSON.stringify(v) });
const holder = { host: 'box', pid: 4242, started: '2026-12-02T14:53:00.000Z' };

describe('the engine claim of a self-test', () => {
  it('reads the holder from its label, and nothing from a label it cannot read', () => {
    expect(readHolder(label(holder))).toEqual(holder);
    expect(readHolder(undefined)).toBeUndefined();
    expect(readHolder({ 'io.containerlings.selftest': 'not json' })).toBeUndefined();
    expect(readHolder(label({ host: 'box', pid: 'x', started: 'now' }))).toBeUndefined();
  });

  it('is stale only when its process is known to be gone: on this machine, and not alive', () => {
    expect(isStale(holder, 'box', () => false)).toBe(true);
    expect(isStale(holder, 'box', () => true)).toBe(false);
    // Another machine's self-test, or a claim nobody can read, is never guessed stale.
    expect(isStale(holder, 'other', () => false)).toBe(false);
    expect(isStale(undefined, 'box', () => false)).toBe(false);
  });

  it('knows this process is alive, and a pid that cannot exist is not', () => {
    expect(processAlive(process.pid)).toBe(true);
    expect(processAlive(2 ** 22 + 1)).toBe(false); // above Linux's pid_max limit
  });

  it('knows the name is taken from Docker (409) and from Podman 4.3 (500, "network already exists")', () => {
    expect(
      nameTaken({ statusCode: 409, json: { message: 'network with name containerlings-selftest already exists' } }),
    ).toBe(true);
    const podman = { cause: 'network already exists', message: 'network name x already used: network already exists' };
    expect(nameTaken({ statusCode: 500, json: podman })).toBe(true);
    expect(nameTaken({ statusCode: 500, json: { message: 'Cannot connect to the Docker daemon' } })).toBe(false);
    expect(nameTaken(new Error('socket hang up'))).toBe(false);
  });

  it('tells the refused self-test who holds the engine, why it waits, and how to remove a claim left behind', () => {
    const here = busyMessage(holder, 'box');
    expect(here.message).toMatch(
      /Another self-test is running on this Docker engine \(process 4242 on this machine, since 2026-12-02T14:53/,
    );
    expect(here.message).toMatch(/verdicts could not be trusted/);
    expect(here.next).toMatch(/Wait for it to finish.*docker network rm containerlings-selftest/);
    expect(busyMessage(holder, 'laptop').message).toMatch(/process 4242 on box/);
    expect(busyMessage(undefined).message).toMatch(/its owner could not be read/);
  });
});
