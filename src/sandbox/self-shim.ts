// A `containerlings` command for the sandbox's PATH, so learners' scripts (a pipeline's lint step) can call
// this install of containerlings whether it was installed globally, with npx, or run from a checkout.
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sandboxFiles } from './registry/sandbox-dir.js';
import { cliPath } from './services.js';

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function selfShimScript(node = process.execPath, cli = cliPath()): string {
  return `#!/bin/sh\n# containerlings: runs the containerlings this sandbox belongs to.\nexec ${quote(node)} ${quote(cli)} "$@"\n`;
}

/** Writes (or refreshes) the shim; returns the folder to put on PATH. */
export async function ensureSelfShim(dir = sandboxFiles().bin): Promise<string> {
  const file = join(dir, 'containerlings');
  const script = selfShimScript();
  if ((await readFile(file, 'utf8').catch(() => '')) === script) return dir;
  await mkdir(dir, { recursive: true });
  await writeFile(`${file}.tmp`, script);
  await chmod(`${file}.tmp`, 0o755);
  await rename(`${file}.tmp`, file);
  return dir;
}
