// Finds an exercise's check as an ES module and imports it: the copy compiled at build time when check.ts is
// unchanged since (by sha256), else one compiled at run time into a cache folder (once per content).
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Exercise } from '../lessons/course.js';
import { packageRoot } from '../lessons/course.js';
import { UserError } from '../errors.js';
import { compileCheck, firstLine, MANIFEST, sourceDigest, type CheckManifest } from './compile.js';
import type { Check } from './kit/api.js';

/** Where checks come from; tests point these at folders of their own. */
export interface CheckSources {
  /** The build's compiled checks (dist/checks/ of this package). */
  readonly shipped?: string;
  /** The cache folders tried in turn for checks compiled at run time. */
  readonly caches?: readonly string[];
}

export function cacheDirs(env = process.env): string[] {
  return [
    join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'containerlings', 'checks'),
    join(tmpdir(), 'containerlings-checks'),
  ];
}

const manifests = new Map<string, CheckManifest | undefined>();

/** The build's compiled module for this exact check.ts, if there is one (a checkout before its first build has none). */
function shippedModule(dir: string, digest: string): string | undefined {
  if (!manifests.has(dir)) {
    try {
      manifests.set(dir, JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as CheckManifest);
    } catch {
      manifests.set(dir, undefined);
    }
  }
  const name = manifests.get(dir)?.[digest];
  return name ? join(dir, name) : undefined;
}

async function compiledInCache(
  exercise: Exercise,
  source: string,
  digest: string,
  dirs: readonly string[],
): Promise<string> {
  const name = `${exercise.id}-${digest.slice(0, 16)}.mjs`;
  for (const dir of dirs) if (existsSync(join(dir, name))) return join(dir, name);
  const code = await compileCheck(source, exercise.check);
  const tried: string[] = [];
  for (const dir of dirs) {
    const file = join(dir, name);
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(`${file}.${process.pid}.tmp`, code);
      await rename(`${file}.${process.pid}.tmp`, file);
      return file;
    } catch (e) {
      tried.push(`${dir} (${(e as NodeJS.ErrnoException).code ?? firstLine(e)})`);
    }
  }
  throw new UserError(
    `Cannot save the compiled check of ${exercise.id}: no cache folder is writable. Tried ${tried.join(', ')}.`,
    'Set XDG_CACHE_HOME (or TMPDIR) to a folder you can write to, then run it again.',
    'disk',
  );
}

function defaultShipped(): string | undefined {
  try {
    return join(packageRoot(), 'dist', 'checks');
  } catch {
    return undefined;
  }
}

/** Imports an exercise's check. Checks may import types only (see compile.ts). */
export async function loadCheck(exercise: Exercise, sources: CheckSources = {}): Promise<Check> {
  const bytes = await readFile(exercise.check);
  const digest = sourceDigest(bytes);
  const shippedDir = sources.shipped ?? defaultShipped();
  const shipped = shippedDir ? shippedModule(shippedDir, digest) : undefined;
  const file =
    shipped ?? (await compiledInCache(exercise, bytes.toString('utf8'), digest, sources.caches ?? cacheDirs()));
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (e) {
    throw new UserError(
      `The check of ${exercise.id} failed to load from ${file}: ${firstLine(e)}`,
      shipped
        ? 'This copy was compiled when containerlings was built: reinstall containerlings.'
        : `Fix ${exercise.check} (its top-level code runs when it loads), or delete ${file} and run it again.`,
      'content',
    );
  }
  if (typeof mod.default !== 'function') {
    throw new UserError(
      `${exercise.check} has no default export.`,
      'End it with `export default check;` where check is an async function of the kit.',
      'content',
    );
  }
  return mod.default as Check;
}
