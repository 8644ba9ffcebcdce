// The shell commands of a RUN step, as both rule sets read them.
import type { LintInstruction } from './model.js';

/** The shell commands of a RUN, split at &&, ||, ; and | (each side of a pipe is a command). */
export function commandsOf(run: LintInstruction): string[] {
  return run.text
    .split(/&&|\|\||;|\|/)
    .map((c) => c.trim())
    .filter(Boolean);
}
