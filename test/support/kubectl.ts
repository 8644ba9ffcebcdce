// Fake kubectl programs for the clusters this machine does not have: pure shell, no cluster, no network.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './cli.js';

/** A kubectl that prints a context (or fails to), and answers `version` as told. */
export function fakeKubectl(context: string | undefined, version: { code: number; stderr?: string }): string {
  const file = join(tempDir('fake-kubectl-'), 'kubectl');
  writeFileSync(
    file,
    `#!/bin/sh
case "$1" in
  config) ${context ? `echo ${context}` : 'echo "error: current-context is not set" >&2; exit 1'} ;;
  version) echo '${version.stderr ?? ''}' >&2; exit ${version.code} ;;
esac
`,
  );
  chmodSync(file, 0o755);
  return file;
}
