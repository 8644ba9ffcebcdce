// Shared by the bench modules: names, the children's environment, shell helpers, runToExit and number formats.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const HELLO = 'containerlings/hello';
export const BASE = 'containerlings/busybox';

export const log = (line) => process.stderr.write(line + '\n');

// ink draws nothing (or only the last frame) when it believes it runs in CI: no child may inherit that belief.
export const ENV = { ...process.env };
delete ENV.CI;
delete ENV.CONTINUOUS_INTEGRATION;
delete ENV.DEV;

export const q = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;
export const now = () => performance.timeOrigin + performance.now(); // epoch ms, comparable across processes

/** Runs a command to its exit; wall time from spawn to exit. */
export function runToExit(cmd, args, { cwd }) {
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let ms = 0;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', () => (ms = performance.now() - t0));
    child.on('close', (code) => resolvePromise({ ms, code, stdout, stderr }));
  });
}

export function sh(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, env: ENV, encoding: 'utf8', ...options });
  if (r.error) throw r.error;
  return r;
}

export function mustSh(cmd, args, options) {
  const r = sh(cmd, args, options);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}${r.stderr}`);
  return r;
}

export const fmt = (n) => (n === undefined || Number.isNaN(n) ? '-' : n >= 100 ? n.toFixed(0) : n.toFixed(1));
export const kb = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.round(n / 1e3)} kB`);
