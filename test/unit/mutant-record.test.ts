// The course's mutant record (mutants.json): the fingerprint changes with what the figures depend on and with
// nothing a learner only reads; a damaged record is a clear error; writing keeps the other entries. Then the
// shipped record itself: it covers the course, and its figures meet the goal (no survivor, 95% killed).
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedSince, fingerprint, readRecord, RECORD_FILE, writeRecord } from '../../src/authoring/mutant-record.js';
import { loadCourseFromFiles } from '../../src/lessons/course-loader.js';
import { DEFAULT_MUTANTS_MAX } from '../../src/lessons/mutants.js';
import { UserError } from '../../src/errors.js';
import type { MutantTally } from '../../src/authoring/mutants.js';
import { ROOT } from '../support/cli.js';

const copyCourse = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-record-'));
  for (const d of ['course.yaml', 'lessons', 'exercises', 'sandbox'])
    cpSync(join(ROOT, d), join(dir, d), { recursive: true });
  return dir;
};
const exerciseIn = async (root: string, id: string) =>
  (await loadCourseFromFiles(root)).exercises.find((e) => e.id === id)!;
const printOf = async (root: string, id = 'first-image', max = DEFAULT_MUTANTS_MAX) =>
  fingerprint(await exerciseIn(root, id), max);
const edit = (file: string, f: (s: string) => string) => writeFileSync(file, f(readFileSync(file, 'utf8')));

describe('the fingerprint', () => {
  it('changes with the check, the setup, the solution, the declared equivalents and the cap', async () => {
    const root = copyCourse();
    const ex = join(root, 'exercises', 'first-image');
    const seen = new Set([await printOf(root)]);
    const changes: [string, () => void][] = [
      ['check.ts', () => edit(join(ex, 'check.ts'), (s) => `${s}\n// changed\n`)],
      ['solution', () => edit(join(ex, 'solution', 'Dockerfile'), (s) => s.replace('Hello', 'Hallo'))],
      [
        'resources',
        () => edit(join(ex, 'exercise.yaml'), (s) => s.replace(/^resources:\n/m, 'resources:\n  volumes: [cl-x]\n')),
      ],
      [
        'equivalents',
        () =>
          edit(
            join(ex, 'exercise.yaml'),
            (s) => `${s}equivalentMutants:\n  'Dockerfile: drop CMD ["echo", "Hallo from my first image!"]': why\n`,
          ),
      ],
    ];
    for (const [what, change] of changes) {
      change();
      const now = await printOf(root);
      expect(seen.has(now), what).toBe(false);
      seen.add(now);
    }
    expect(seen.has(await printOf(root, 'first-image', 3))).toBe(false);
  });

  it('stays the same when only words a learner reads change: README, hints, title, starter, wrong attempts', async () => {
    const root = copyCourse();
    const ex = join(root, 'exercises', 'first-image');
    const before = await printOf(root);
    edit(join(ex, 'README.md'), (s) => `${s}\nMore words.\n`);
    edit(join(ex, 'exercise.yaml'), (s) => s.replace(/^title: .*$/m, 'title: Another title'));
    edit(join(ex, 'starter', 'Dockerfile'), (s) => `${s}# a note\n`);
    writeFileSync(join(ex, 'wrong', readdirSync(join(ex, 'wrong'))[0]!, 'extra.txt'), 'x');
    expect(await printOf(root)).toBe(before);
  });
});

const tally = (exercise: string, over: Partial<MutantTally> = {}): MutantTally => ({
  exercise,
  mutants: 4,
  killed: 3,
  equivalent: ['x'],
  survived: [],
  errors: [],
  solutionPassed: true,
  ...over,
});

describe('reading and writing the record', () => {
  it('treats a missing record as empty: every exercise has changed', async () => {
    const root = copyCourse();
    expect(await readRecord(root)).toEqual({ version: 1, exercises: {} });
    const course = await loadCourseFromFiles(root);
    expect((await changedSince(await readRecord(root), course.exercises, 12)).length).toBe(course.exercises.length);
  });

  it('writes the figures, keeps other entries and an exercise whose solution did not pass, and then sees no change', async () => {
    const root = copyCourse();
    const course = await loadCourseFromFiles(root);
    const [a, b] = [await exerciseIn(root, 'first-image'), await exerciseIn(root, 'layers')];
    expect(await writeRecord(root, course.exercises, [tally('first-image')], 'Docker Engine 20.10.24', 12)).toEqual([
      'first-image',
    ]);
    const written = await writeRecord(
      root,
      course.exercises,
      [tally('layers', { killed: 2, errors: ['e'] }), tally('first-image', { solutionPassed: false, killed: 0 })],
      'Podman 4.3.1',
      12,
      new Date('2026-12-03T10:00:00Z'),
    );
    expect(written).toEqual(['layers']);
    const record = await readRecord(root);
    expect(record.exercises['first-image']).toMatchObject({
      killed: 3,
      equivalent: 1,
      engine: 'Docker Engine 20.10.24',
    });
    expect(record.exercises.layers).toMatchObject({ killed: 2, errors: ['e'], recorded: '2026-12-03' });
    expect((await changedSince(record, [a, b], 12)).map((e) => e.id)).toEqual([]);
    expect((await changedSince(record, [a, b], 3)).map((e) => e.id)).toEqual(['first-image', 'layers']);
  });

  it('refuses a damaged record with its path and the way out, never a stack trace', async () => {
    const root = copyCourse();
    for (const text of [
      '{"version":1,',
      '{"version":2,"exercises":{}}',
      '{"version":1,"exercises":{"a":{"killed":-1}}}',
    ]) {
      writeFileSync(join(root, RECORD_FILE), text);
      const err = await readRecord(root).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).message).toContain(join(root, RECORD_FILE));
      expect((err as UserError).next).toContain('--record');
    }
  });
});

describe("the course's own record", () => {
  it('covers every exercise this machine can prove, with no survivor and at least 95% killed', async () => {
    const course = await loadCourseFromFiles(ROOT);
    const record = await readRecord(ROOT);
    const needCluster = course.exercises.filter((e) => e.meta.lesson === 'kubernetes').map((e) => e.id);
    expect(Object.keys(record.exercises).sort()).toEqual(
      course.exercises
        .map((e) => e.id)
        .filter((id) => !needCluster.includes(id))
        .sort(),
    );
    const entries = Object.values(record.exercises);
    expect(entries.flatMap((e) => e.survived)).toEqual([]);
    const shouldDie = entries.reduce((n, e) => n + e.mutants - e.equivalent, 0);
    const killed = entries.reduce((n, e) => n + e.killed, 0);
    expect(killed / shouldDie).toBeGreaterThanOrEqual(0.95);
  });
});
