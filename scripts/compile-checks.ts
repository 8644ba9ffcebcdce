// Build step: compiles every shipped exercises/<id>/check.ts to dist/checks/<id>.mjs, and writes
// dist/checks/manifest.json (sha256 of check.ts → module), so an installed copy never needs a compiler for
// the shipped course, and a check.ts edited after the build is never judged by its stale compiled copy.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileCheck, MANIFEST, sourceDigest, type CheckManifest } from '../src/checks/compile.js';
import { contentRoot } from '../src/lessons/course.js';
import { describeError } from '../src/errors.js';

const root = contentRoot({});
const out = join(root, 'dist', 'checks');
mkdirSync(out, { recursive: true });
const manifest: CheckManifest = {};
for (const id of readdirSync(join(root, 'exercises')).sort()) {
  const file = join(root, 'exercises', id, 'check.ts');
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    continue; // not an exercise folder
  }
  try {
    writeFileSync(join(out, `${id}.mjs`), await compileCheck(bytes.toString('utf8'), file));
    manifest[sourceDigest(bytes)] = `${id}.mjs`;
  } catch (e) {
    // A broken check is reported when it runs (compiled then, with the same message); the build goes on.
    process.stderr.write(`build: check of ${id} not compiled: ${describeError(e)}\n`);
  }
}
writeFileSync(join(out, MANIFEST), JSON.stringify(manifest, null, 1));
