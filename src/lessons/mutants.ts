// Single-change mutants of an exercise's solution: each changes one thing a check should notice (drops USER, a
// --memory flag, a field of a task definition), under an id that stays the same while the solution does, so an
// exercise can declare the ones that are equivalent to its solution. Pure: files in, mutants out.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { dockerfileMutants } from './mutants-dockerfile.js';
import { dataMutants, ignoreFileMutants } from './mutants-data.js';
import { shellMutants } from './mutants-shell.js';
import type { Change } from './mutant-change.js';

export interface Mutant {
  /** Stable and readable: `Dockerfile: drop USER 10001`, `commands.sh: --memory 64m→65m`. */
  readonly id: string;
  /** What sort of change it is (`Dockerfile drop USER`): the cap spreads its picks across kinds. */
  readonly kind: string;
  /** Lower ranks are picked first when kinds outnumber the cap: 0 mechanisms, 1 values, 2 other drops, 3 names. */
  readonly rank: number;
  /** The file it changes (relative to the solution folder), and that file's new text. */
  readonly file: string;
  readonly text: string;
  readonly renamed?: { readonly from: string; readonly to: string };
}

export const DEFAULT_MUTANTS_MAX = 12;

const generatorFor = (file: string): ((text: string) => Change[]) | undefined => {
  const name = file.split('/').pop()!;
  if (/^Dockerfile/.test(name) || name.endsWith('.Dockerfile')) return dockerfileMutants;
  if (name.endsWith('.sh')) return shellMutants;
  if (/\.(json|ya?ml)$/.test(name)) return (text) => dataMutants(text, name.endsWith('.json') ? 'json' : 'yaml');
  if (name === '.dockerignore') return ignoreFileMutants;
  return undefined;
};

/** Every mutant of a solution (path → text), in a fixed order: files by path, then as each generator finds them. */
export function mutantsOf(files: ReadonlyMap<string, string>): Mutant[] {
  const out: Mutant[] = [];
  const seen = new Set<string>();
  for (const file of [...files.keys()].sort()) {
    const generate = generatorFor(file);
    if (!generate) continue;
    const original = files.get(file)!;
    for (const change of generate(original)) {
      if (change.text === original) continue;
      let id = `${file}: ${change.what}`;
      // Two identical instructions (say two COPY lines alike) still get distinct, stable ids.
      for (let n = 2; seen.has(id); n++) id = `${file}: ${change.what} (#${n})`;
      seen.add(id);
      const { what: _, kind, ...rest } = change;
      out.push({ id, kind: `${file} ${kind}`, file, ...rest });
    }
  }
  return out;
}

/**
 * At most `max` mutants, spread across kinds: each kind gets one pick per round (lower ranks first), and a kind's
 * picks are spaced evenly through it. The result keeps the order of `all`.
 */
export function pickMutants(all: readonly Mutant[], max = DEFAULT_MUTANTS_MAX): Mutant[] {
  const kinds = new Map<string, Mutant[]>();
  for (const m of all) kinds.set(m.kind, [...(kinds.get(m.kind) ?? []), m]);
  const order = [...kinds.entries()].sort((a, b) => a[1][0]!.rank - b[1][0]!.rank).map(([, ms]) => ms);
  const quota = order.map(() => 0);
  for (let left = Math.min(max, all.length); left > 0;)
    for (let k = 0; k < order.length && left > 0; k++)
      if (quota[k]! < order[k]!.length) {
        quota[k]!++;
        left--;
      }
  const chosen = new Set(
    order.flatMap((ms, k) => Array.from({ length: quota[k]! }, (_, i) => ms[Math.floor((i * ms.length) / quota[k]!)]!)),
  );
  return all.filter((m) => chosen.has(m));
}

/** The files of a solution folder the generators read (Dockerfiles, scripts, JSON, YAML, .dockerignore). */
export async function solutionFiles(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (at: string): Promise<void> => {
    for (const entry of await readdir(at, { withFileTypes: true }).catch(() => [])) {
      const path = join(at, entry.name);
      const rel = relative(dir, path);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && generatorFor(rel)) files.set(rel, await readFile(path, 'utf8'));
    }
  };
  await walk(dir);
  return files;
}
