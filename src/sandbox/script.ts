// Shell scripts that exercises ship (setup.sh, an attempt's commands.sh), run with the sandbox's environment.
import { SANDBOX_LABEL } from './engine/connection.js';
import { awsSandboxEnv } from './services/sandbox-env.js';
import { run } from './process.js';

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
export async function runCommand(
  argv: readonly string[],
  cwd: string,
  timeoutSeconds: number,
  signal?: AbortSignal,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number; output: string; timedOut: boolean }> {
  const ran = await run(argv, { cwd, env, signal, timeoutMs: timeoutSeconds * 1000 });
  const output = ran.timedOut ? `${ran.output}\n(stopped after ${timeoutSeconds} s)` : ran.output;
  return { code: ran.code ?? -1, output, timedOut: ran.timedOut };
}
