// What the learner's own commands run in: the sandbox environment (run blocks, the sandbox shell), the values
// lesson text is filled with, and the sandbox services a lesson needs. The cli and the TUI reach these only here.
import { spawnSync } from 'node:child_process';
import { UserError } from '../errors.js';
import type { TemplateValues } from '../lessons/markdown.js';
import { loadCatalog } from '../sandbox/images/catalog.js';
import { awsSandboxEnv, awsTemplateValues } from '../sandbox/services/sandbox-env.js';
import type { Tutor } from './tutor.js';

/** The environment of run blocks and the sandbox shell: the learner's own, plus where the workspace is and its id. */
export function sandboxEnv(tutor: Tutor, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // awsSandboxEnv: the `aws` wrapper first on PATH, and the registry addresses. The workspace id goes into the
  // tags the wrapper puts on repositories created in real AWS mode.
  return {
    ...process.env,
    CONTAINERLINGS_WORKSPACE: tutor.workspace.dir,
    CONTAINERLINGS_WORKSPACE_ID: tutor.workspace.id,
    ...awsSandboxEnv(),
    ...extra,
  };
}

export async function templateValues(tutor: Tutor): Promise<TemplateValues> {
  const catalog = await loadCatalog(tutor.course.root);
  const values: Record<string, string> = { workspace: tutor.workspace.dir };
  for (const [name, entry] of Object.entries(catalog)) values[`image:${name}`] = entry.tag;
  Object.assign(values, awsTemplateValues());
  return values;
}

/** Starts the registry and ECR endpoint if they are not running; true when they are up. A failure is left for the checks to report. */
export async function startServices(): Promise<boolean> {
  try {
    await (await import('../sandbox/services/services.js')).ensureServices();
    return true;
  } catch (e) {
    if (e instanceof UserError) return false;
    throw e;
  }
}

/** The learner's shell in the exercise's folder (else the workspace), in the sandbox environment, until they exit. */
export function openShell(tutor: Tutor, exerciseId?: string): void {
  const cwd = exerciseId ? tutor.dir(exerciseId) : tutor.workspace.dir;
  spawnSync(process.env.SHELL || '/bin/sh', [], {
    cwd,
    stdio: 'inherit',
    env: sandboxEnv(tutor, { CONTAINERLINGS_EXERCISE: exerciseId ?? '' }),
  });
}
