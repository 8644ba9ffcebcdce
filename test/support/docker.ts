// Helpers for tests against the real engine (no mocks): the engine must be there, or the test fails loudly.
import { execFileSync } from 'node:child_process';
import { ensureImage, loadCatalog } from '../../src/sandbox/images/catalog.js';
import { connect, type Engine } from '../../src/sandbox/engine/connection.js';
import { ROOT } from './cli.js';

export async function requireEngine(): Promise<Engine> {
  const engine = await connect();
  try {
    await engine.docker.ping();
  } catch (e) {
    throw new Error(
      `These tests need a running Docker engine (${engine.endpoint}): ${(e as Error).message}. ` +
        'On Debian, .ci/run installs and starts one.',
      { cause: e },
    );
  }
  // Tests use the base image directly; on a fresh machine it is built offline here first.
  const catalog = await loadCatalog(ROOT);
  await ensureImage(engine, catalog, 'base/busybox');
  return engine;
}

export function docker(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

export function dockerOk(...args: string[]): boolean {
  try {
    docker(...args);
    return true;
  } catch {
    return false;
  }
}

/**
 * Every container carrying our sandbox label, in any workspace. Tests that claim "nothing left behind" compare this
 * list after their run with the list before it: a container left by an earlier process that was killed (a session
 * ending mid-test, say) belongs to that process, not to the run under test.
 */
export function labelledContainers(): string[] {
  return docker('ps', '-aq', '--no-trunc', '--filter', 'label=io.containerlings.sandbox').split('\n').filter(Boolean);
}

/** The labelled containers that exist now and did not exist in `before`. */
export function newLabelledContainers(before: readonly string[]): string[] {
  return labelledContainers().filter((id) => !before.includes(id));
}
