// The main engine (this machine's dockerd) is shared by every integration file: names such as cl-lean-svc, the
// swarm and the sandbox registry are global to it. Its files therefore run one at a time, while the files for the
// other engines (Podman, the remote dockerd) run beside them. The lock is flock(1), a kernel lock: it goes when the
// process that holds it dies, whatever that process was doing, so a killed worker never leaves the engine locked.
import { spawn } from 'node:child_process';

/** Shared with anything else that must not use the main engine at the same time (a hand-run self-test, say). */
export const MAIN_ENGINE_LOCK = process.env.CONTAINERLINGS_TEST_ENGINE_LOCK ?? '/tmp/containerlings-main-engine.lock';

/** Test files that never touch the main engine: each proves the course on an engine of its own. */
export const OTHER_ENGINE_FILES = /[/\\]engine-(podman|remote)\.test\.ts$/;

/** Waits until no other test file holds the main engine, then holds it until the returned release is called. */
export function holdMainEngine(): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const holder = spawn('flock', ['--exclusive', MAIN_ENGINE_LOCK, 'sh', '-c', 'echo held && exec cat >/dev/null'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    holder.once('error', reject);
    holder.once('exit', (code) => reject(new Error(`flock ended (${code}) before it held ${MAIN_ENGINE_LOCK}`)));
    holder.stdout.once('data', () => resolve(() => holder.stdin.end()));
  });
}
