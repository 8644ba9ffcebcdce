// Shell scripts that exercises ship (setup.sh, an attempt's commands.sh), run with the sandbox's environment.
import { spawn } from 'node:child_process';
import { SANDBOX_LABEL } from './engine/connection.js';
import { awsSandboxEnv } from './services/sandbox-env.js';

/** What scripts see: the learner's environment, plus the label to put on anything they create. */
export function scriptEnv(workspaceId: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // awsSandboxEnv: the `aws` wrapper on PATH (local mode) and the registry addresses, as in the sandbox shell.
  return {
    ...process.env,
    ...awsSandboxEnv(),
    CONTAINERLINGS_LABEL: `${SANDBOX_LABEL}=${workspaceId}`,
    CONTAINERLINGS_WORKSPACE_ID: workspaceId,
    ...extra,
  };
}

/** Runs a script with `sh -e` in its own process group, so a cancel or timeout stops docker too, not just sh. */
export function runScript(
  script: string,
  cwd: string,
  timeoutSeconds: number,
  signal?: AbortSignal,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number; output: string }> {
  return runCommand(['sh', '-e', script], cwd, timeoutSeconds, signal, env);
}

/** Runs a command in its own process group; a cancel or the timeout stops the whole group. */
export function runCommand(
  argv: readonly string[],
  cwd: string,
  timeoutSeconds: number,
  signal?: AbortSignal,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number; output: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    let timedOut = false;
    const stop = () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        /* already gone */
      }
    };
    const timer = setTimeout(() => {
      output += `\n(stopped after ${timeoutSeconds} s)`;
      timedOut = true;
      stop();
    }, timeoutSeconds * 1000);
    signal?.addEventListener('abort', stop, { once: true });
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', (e) => (output += String(e)));
    child.on('close', (code) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', stop);
      resolve({ code: code ?? -1, output, timedOut });
    });
  });
}
