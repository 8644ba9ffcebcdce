// Turns a check.ts into an ES module: at build time for the shipped course (dist/checks/, see
// scripts/compile-checks.ts), at run time for custom content or a check edited after the build.
import { createHash } from 'node:crypto';
import { UserError } from '../errors.js';

/** The hex sha256 of a check.ts's bytes (the bytes grading hashes too): the key of the build's manifest. */
export const sourceDigest = (source: Buffer | string): string => createHash('sha256').update(source).digest('hex');

/** dist/checks/manifest.json: the sha256 of a shipped check.ts → its compiled module's file name in dist/checks/. */
export type CheckManifest = Record<string, string>;
export const MANIFEST = 'manifest.json';

/** A check may import types only (erased when compiled) and Node's built-ins; everything else comes from the kit. */
const RUNTIME_IMPORT = /^\s*import\s+(?!type\b)[^;]*from\s+['"](?!node:)/m;

/** Compiles check.ts with esbuild, a production dependency because custom courses are compiled where they run. */
export async function compileCheck(source: string, file: string): Promise<string> {
  let transform: typeof import('esbuild').transform;
  try {
    ({ transform } = await import('esbuild'));
  } catch (e) {
    throw new UserError(
      `Cannot compile ${file}: the compiler (esbuild) cannot be loaded (${firstLine(e)}).`,
      'Reinstall containerlings (`npm install -g containerlings`, or `npm install` in a checkout), then run it again.',
      'content',
    );
  }
  let code: string;
  try {
    ({ code } = await transform(source, { loader: 'ts', format: 'esm', target: 'node20', sourcefile: file }));
  } catch (e) {
    const first = (e as { errors?: { text: string; location?: { line: number } }[] }).errors?.[0];
    throw new UserError(
      `${file}:${first?.location?.line ?? '?'}: ${first?.text ?? firstLine(e)}`,
      'Fix the check, then run it again.',
      'content',
    );
  }
  if (RUNTIME_IMPORT.test(code)) {
    throw new UserError(
      `${file} imports a module at run time.`,
      'A check may import types only (`import type ...`); everything else comes from the kit.',
      'content',
    );
  }
  return code;
}

export const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
