// Where this install's dist/cli.js is: the ECR endpoint runs from it, and the sandbox's `containerlings` calls it.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../../errors.js';

/** dist/cli.js of this install: the endpoint runs as `node dist/cli.js sandbox serve-ecr`. */
export function cliPath(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'cli.js')) && dir.endsWith('dist')) return join(dir, 'cli.js');
    if (existsSync(join(dir, 'dist', 'cli.js'))) return join(dir, 'dist', 'cli.js');
  }
  throw new UserError('Cannot find dist/cli.js next to this containerlings.', 'Run `npm run build` first.', 'registry');
}
