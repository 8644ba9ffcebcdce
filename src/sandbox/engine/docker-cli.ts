// The docker command-line client, for what the engine API does not do as the learner's own docker does: push and
// pull with their `docker login`, save and load tarballs, tag for a registry.
import { run } from '../process.js';

export interface DockerRun {
  readonly code: number;
  /** stdout and stderr together. */
  readonly output: string;
}

/** Runs `docker args...` (5 minutes at most unless told); a missing docker is a UserError saying how to install it. */
export async function dockerCli(args: readonly string[], timeoutMs = 300_000): Promise<DockerRun> {
  const ran = await run(['docker', ...args], {
    timeoutMs,
    install: 'Install the Docker CLI (https://docs.docker.com/engine/install/), then try again.',
  });
  // Ended by the timeout or a signal: no exit code, a failure all the same.
  return { code: ran.code ?? 1, output: `${ran.stdout}${ran.stderr}` };
}
