// A `containerlings` command for the sandbox's PATH, so learners' scripts (a pipeline's lint step) can call
// this install of containerlings whether it was installed globally, with npx, or run from a checkout.
import { UserError } from '../../errors.js';
import { installExecutable } from './executable.js';
import { cliPath } from './cli-path.js';

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function selfShimScript(node: string, cli: string): string {
  return `#!/bin/sh\n# containerlings: runs the containerlings this sandbox belongs to.\nexec ${quote(node)} ${quote(cli)} "$@"\n`;
}

/** Writes (or refreshes) the shim in `dir`; false when there is no built dist/cli.js to point it at. */
export function installSelfShim(dir: string): boolean {
  let cli: string;
  try {
    cli = cliPath();
  } catch (e) {
    if (e instanceof UserError) return false;
    throw e;
  }
  installExecutable(dir, 'containerlings', selfShimScript(process.execPath, cli));
  return true;
}
