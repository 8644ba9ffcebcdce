// The course's record of its mutant test (`mutants.json` in the course folder): per exercise, the figures of its last
// `selftest --mutants --record` and a fingerprint of what they depend on, so that `--changed` runs only the exercises
// whose check, setup, solution or mutants changed since. CI runs those; an author refreshes the record.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { UserError } from '../errors.js';
import type { Exercise } from '../lessons/course.js';
import type { EngineProfile } from '../sandbox/engine/profile.js';
import { mutantsOf, pickMutants, solutionFiles } from '../lessons/mutants.js';
import type { MutantTally } from './mutants.js';

export const RECORD_FILE = 'mutants.json';

const Entry = z.strictObject({
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  mutants: z.number().int().min(0),
  killed: z.number().int().min(0),
  equivalent: z.number().int().min(0),
  survived: z.array(z.string()),
  errors: z.array(z.string()),
  /** The engine it was measured on, as `selftest --json` names it (`Docker 20.10.24, legacy builder`). */
  engine: z.string().min(1),
  recorded: z.string().min(1),
});
const Record = z.strictObject({ version: z.literal(1), exercises: z.record(z.string(), Entry) });
export type MutantRecord = z.infer<typeof Record>;
export type RecordEntry = z.infer<typeof Entry>;

/** What the figures depend on, outside the kit: the words a learner reads (README, hints, titles) are left out. */
export async function fingerprint(exercise: Exercise, max: number): Promise<string> {
  const hash = createHash('sha256');
  const m = exercise.meta;
  const keys = (o: object) => Object.keys(o).sort();
  hash.update(
    JSON.stringify({
      lesson: m.lesson,
      resources: m.resources,
      timeouts: m.timeouts,
      needs: m.needs,
      ports: m.ports,
      verify: m.verify ?? null,
      diagnoses: keys(m.diagnoses),
      equivalentMutants: keys(m.equivalentMutants),
      mutants: pickMutants(mutantsOf(await solutionFiles(exercise.solution)), max).map((x) => x.id),
    }),
  );
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      const rel = relative(exercise.dir, path);
      if (/^(README(\.[a-z-]+)?\.md|exercise\.yaml|starter|wrong)$/.test(rel)) continue;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) hash.update(`\0${rel}\0`).update(await readFile(path));
    }
  };
  await walk(exercise.dir);
  return hash.digest('hex');
}

export async function readRecord(courseRoot: string): Promise<MutantRecord> {
  const file = join(courseRoot, RECORD_FILE);
  if (!existsSync(file)) return { version: 1, exercises: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw damaged(file, (e as Error).message);
  }
  const result = Record.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw damaged(file, `${issue.path.join('.') || 'the file'}: ${issue.message}`);
  }
  return result.data;
}

const damaged = (file: string, why: string) =>
  new UserError(
    `The mutant record ${file} cannot be read (${why}).`,
    'Remove it and run `containerlings selftest --mutants --record` to measure every exercise again.',
    'content',
  );

/** The exercises whose record is missing or was taken of other files or other mutants. */
export async function changedSince(
  record: MutantRecord,
  exercises: readonly Exercise[],
  max: number,
): Promise<Exercise[]> {
  const out: Exercise[] = [];
  for (const e of exercises) if (record.exercises[e.id]?.fingerprint !== (await fingerprint(e, max))) out.push(e);
  return out;
}

/** Writes the figures of the exercises whose solution passed into the record; the others keep their old entry. */
export async function writeRecord(
  courseRoot: string,
  exercises: readonly Exercise[],
  tallies: readonly MutantTally[],
  engine: string,
  max: number,
  now = new Date(),
): Promise<string[]> {
  const record = await readRecord(courseRoot);
  const written: string[] = [];
  for (const t of tallies) {
    const exercise = exercises.find((e) => e.id === t.exercise);
    if (!exercise || !t.solutionPassed) continue;
    record.exercises[t.exercise] = {
      fingerprint: await fingerprint(exercise, max),
      mutants: t.mutants,
      killed: t.killed,
      equivalent: t.equivalent.length,
      survived: [...t.survived],
      errors: [...t.errors],
      engine,
      recorded: now.toISOString().slice(0, 10),
    };
    written.push(t.exercise);
  }
  const sorted = Object.fromEntries(Object.entries(record.exercises).sort(([a], [b]) => (a < b ? -1 : 1)));
  // Whole or not at all: a record cut short would be refused by every later run.
  const file = join(courseRoot, RECORD_FILE);
  await writeFile(`${file}.${process.pid}.tmp`, `${JSON.stringify({ version: 1, exercises: sorted }, null, 2)}\n`);
  await rename(`${file}.${process.pid}.tmp`, file);
  return written;
}

/** How the record names the engine a figure was measured on: `Docker Engine 20.10.24, legacy builder, remote`. */
export const engineLabel = (p: EngineProfile | undefined): string =>
  p ? `${p.name} ${p.version}, ${p.builder} builder${p.remote ? ', remote' : ''}` : 'an engine that did not say';
