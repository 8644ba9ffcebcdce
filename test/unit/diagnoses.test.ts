// Named mistakes: an exercise declares its diagnoses and which one each wrong attempt must get; the loader holds
// the declarations together, the results document carries the diagnosis, and `hint` gives its hint first.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ContentError, loadCourseFromFiles } from '../../src/lessons/course-loader.js';
import { formatProblem } from '../../src/lessons/validate.js';
import { ROOT, runCli, tempDir } from '../support/cli.js';
import { generatedBundle } from '../support/bundles.js';
import { resultsValidator } from '../support/results-schema.js';

const EXERCISE = 'lean-nonroot-healthcheck';

/** A copy of the shipped course, so one exercise.yaml can be changed. */
function courseCopy(): string {
  const root = mkdtempSync(join(tmpdir(), 'cl-diagnoses-'));
  for (const d of ['lessons', 'exercises', 'sandbox']) cpSync(join(ROOT, d), join(root, d), { recursive: true });
  return root;
}

async function problemsOf(root: string): Promise<string[]> {
  try {
    await loadCourseFromFiles(root);
    return [];
  } catch (e) {
    if (e instanceof ContentError) return e.problems.map(formatProblem);
    throw e;
  }
}

describe('declared diagnoses', () => {
  it('the shipped course declares them consistently', async () => {
    const course = await loadCourseFromFiles(ROOT);
    const exercise = course.exercises.find((e) => e.id === EXERCISE)!;
    expect(Object.keys(exercise.meta.wrongAttempts).sort()).toEqual(exercise.wrong.map((w) => w.name).sort());
  });

  it('refuses an attempt that names no diagnosis, an undeclared one, and one for a folder that is not there', async () => {
    const root = courseCopy();
    const file = join(root, 'exercises', EXERCISE, 'exercise.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      text
        .replace('  only-latest: unversioned\n', '  ghost: unversioned\n')
        .replace('runs-as-root: image-as-root', 'runs-as-root: image-is-root'),
    );
    const problems = (await problemsOf(root)).join('\n');
    expect(problems).toMatch(/wrongAttempts\.ghost.*there is no folder wrong\/ghost/);
    expect(problems).toMatch(/wrongAttempts\.runs-as-root.*"image-is-root", which is not declared under diagnoses/);
    expect(problems).toMatch(/wrong\/only-latest names no diagnosis/);
  });
});

describe('the diagnosis reaches the learner and the instructor', () => {
  let ws: string;
  const progressFile = () => join(ws, '.containerlings', 'progress.json');
  beforeAll(async () => {
    ws = tempDir('cl-diagnosis-ws-');
    expect((await runCli(['init', ws], { env: { DOCKER_HOST: 'unix:///nonexistent.sock' } })).code).toBe(0);
  }, 60_000);

  it('hint gives the diagnosed mistake its own hint once, then the usual hints', async () => {
    const progress = JSON.parse(readFileSync(progressFile(), 'utf8'));
    progress.exercises[EXERCISE].lastResult = {
      outcome: 'fail',
      message: 'runs as root',
      evidence: {},
      diagnosis: 'run-as-root',
    };
    writeFileSync(progressFile(), JSON.stringify(progress));
    const first = JSON.parse((await runCli(['hint', EXERCISE, '--json', '--workspace', ws])).stdout);
    expect(first).toMatchObject({ diagnosis: 'run-as-root', number: 0 });
    expect(first.hint).toMatch(/without --user/);
    const second = JSON.parse((await runCli(['hint', EXERCISE, '--json', '--workspace', ws])).stdout);
    expect(second).toMatchObject({ number: 1 });
    expect(second.diagnosis).toBeUndefined();
  });

  it('the results schema takes a diagnosis id', () => {
    const validate = resultsValidator();
    const doc = JSON.parse(JSON.stringify(generatedBundle(1).results));
    doc.results[0] = { ...doc.results[0], outcome: 'fail', diagnosis: 'run-as-root' };
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    doc.results[0].diagnosis = 'Not An Id';
    expect(validate(doc)).toBe(false);
  });
});
