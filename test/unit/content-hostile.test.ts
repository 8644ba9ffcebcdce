// Given hostile or broken course content, when it is loaded, then each case is a content problem that names the
// file (and line), never a stack trace, a hang or a silent acceptance. A fuzz run mutates a small course at random.
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { ContentError, loadCourseFromFiles } from '../../src/lessons/course-loader.js';
import { formatProblem } from '../../src/lessons/validate.js';

const LESSON = `---
id: basics
title: Basics
summary: A small lesson.
order: 1
objectives: [Build an image]
exercises: [hello]
---

## First step

Text.

\`\`\`sh run
docker images
\`\`\`

## Second step

More text.
`;

const EXERCISE = `id: hello
title: Hello
lesson: basics
hints: [Look at the README.]
resources:
  images: [containerlings/hello]
diagnoses:
  no-image: { hint: Build the image. }
wrongAttempts: { a: no-image, b: no-image }
`;

/** A tiny valid course: one lesson, one exercise with everything it needs. */
function smallCourse(): string {
  const root = mkdtempSync(join(tmpdir(), 'cl-hostile-'));
  mkdirSync(join(root, 'lessons', 'basics'), { recursive: true });
  writeFileSync(join(root, 'lessons', 'basics', 'lesson.md'), LESSON);
  const ex = join(root, 'exercises', 'hello');
  for (const d of ['starter', 'solution', 'wrong/a', 'wrong/b']) mkdirSync(join(ex, d), { recursive: true });
  writeFileSync(join(ex, 'exercise.yaml'), EXERCISE);
  writeFileSync(join(ex, 'README.md'), '# Hello\n');
  writeFileSync(join(ex, 'check.ts'), 'export default async () => ({ outcome: "fail", message: "", evidence: {} });\n');
  writeFileSync(join(ex, 'starter', 'Dockerfile'), 'FROM scratch\n');
  return root;
}

/** The problems loading reports; fails the test on any other error (a crash). */
async function problemsOf(root: string): Promise<string[]> {
  try {
    await loadCourseFromFiles(root);
    return [];
  } catch (e) {
    if (e instanceof ContentError) return e.problems.map(formatProblem);
    throw e;
  }
}

const lessonFile = (root: string) => join(root, 'lessons', 'basics', 'lesson.md');
const exerciseFile = (root: string) => join(root, 'exercises', 'hello', 'exercise.yaml');

describe('hostile content', () => {
  it('loads the small course itself (so the cases below fail for their own reason)', async () => {
    expect(await problemsOf(smallCourse())).toEqual([]);
  });

  it('a file where lessons/, exercises/ or wrong/ belongs is a problem (ENOTDIR)', async () => {
    const root = smallCourse();
    rmSync(join(root, 'exercises', 'hello', 'wrong'), { recursive: true });
    writeFileSync(join(root, 'exercises', 'hello', 'wrong'), 'x');
    expect(await problemsOf(root)).toContainEqual(expect.stringMatching(/wrong\/: is a file; expected a folder/));
    const other = smallCourse();
    rmSync(join(other, 'lessons'), { recursive: true });
    writeFileSync(join(other, 'lessons'), 'x');
    expect(await problemsOf(other)).toContainEqual('lessons/: is a file; expected a folder');
  });

  it('a course folder that is a file is a UserError that says what to do', async () => {
    const file = join(smallCourse(), 'README.md');
    writeFileSync(file, 'x');
    await expect(loadCourseFromFiles(file)).rejects.toThrow(/is not a folder/);
    await expect(loadCourseFromFiles(file)).rejects.toBeInstanceOf(UserError);
  });

  it('a YAML alias bomb is a problem, not an exhausted process', async () => {
    const root = smallCourse();
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      bomb.push(
        `${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(9)
          .fill(`*${'abcdefghij'[i - 1]}`)
          .join(',')}]`,
      );
    writeFileSync(exerciseFile(root), `${EXERCISE}${bomb.join('\n')}\n`);
    expect(await problemsOf(root)).toContainEqual(expect.stringMatching(/exercise\.yaml: this YAML cannot be read/));
  });

  it('a FIFO, or a link to /dev/urandom, as lesson.md is a problem and does not hang', async () => {
    const root = smallCourse();
    unlinkSync(lessonFile(root));
    execFileSync('mkfifo', [lessonFile(root)]);
    expect(await problemsOf(root)).toContainEqual(expect.stringMatching(/lesson\.md: is not a regular file/));
    unlinkSync(lessonFile(root));
    symlinkSync('/dev/urandom', lessonFile(root));
    expect(await problemsOf(root)).toContainEqual(expect.stringMatching(/lesson\.md: is not a regular file/));
  }, 10_000);

  it('an unclosed code fence, a blank step title and an exercise listed twice are problems with their lines', async () => {
    const root = smallCourse();
    const text = LESSON.replace('exercises: [hello]', 'exercises: [hello, hello]')
      .replace('## Second step', '##   \n\n## Second step')
      .concat('\n```sh\necho never closed\n\n## Third step\n');
    writeFileSync(lessonFile(root), text);
    const problems = await problemsOf(root);
    expect(problems).toContainEqual(expect.stringMatching(/lesson\.md:\d+: this code fence is never closed/));
    expect(problems).toContainEqual(expect.stringMatching(/lesson\.md:18: a step heading with no title/));
    expect(problems).toContainEqual(expect.stringMatching(/exercises: lists "hello" twice/));
  });

  it('invalid UTF-8 is a problem with its line, not U+FFFD', async () => {
    const root = smallCourse();
    writeFileSync(lessonFile(root), Buffer.concat([Buffer.from(LESSON), Buffer.from([0xff, 0xfe, 0x0a])]));
    expect(await problemsOf(root)).toContainEqual(expect.stringMatching(/lesson\.md:\d+: is not valid UTF-8/));
  });

  it('`..` inside a Docker name is refused', async () => {
    const root = smallCourse();
    writeFileSync(exerciseFile(root), EXERCISE.replace('containerlings/hello', 'containerlings/../../etc'));
    expect(await problemsOf(root)).toContainEqual(expect.stringMatching(/resources\.images\.0: .*Docker name/));
  });

  it('links out of the course as a starter file or as check.ts are problems', async () => {
    const root = smallCourse();
    symlinkSync('/etc/passwd', join(root, 'exercises', 'hello', 'starter', 'passwd'));
    const check = join(root, 'exercises', 'hello', 'check.ts');
    unlinkSync(check);
    symlinkSync('/etc/hostname', check);
    const problems = await problemsOf(root);
    expect(problems).toContainEqual(expect.stringMatching(/starter\/passwd: is a link to something outside/));
    expect(problems).toContainEqual(expect.stringMatching(/check\.ts: is a link to a file outside/));
  });
});

/** Mutations of the small course: each either keeps it valid or must be reported as a content problem. */
const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('text' as const),
    file: fc.constantFrom('lesson', 'exercise'),
    at: fc.nat(),
    text: fc.string({ maxLength: 40 }),
  }),
  fc.record({
    kind: fc.constant('bytes' as const),
    file: fc.constantFrom('lesson', 'exercise'),
    at: fc.nat(),
    bytes: fc.uint8Array({ maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant('cut' as const), file: fc.constantFrom('lesson', 'exercise'), at: fc.nat() }),
  fc.record({
    kind: fc.constant('replace' as const),
    what: fc.constantFrom('lessons', 'exercises', 'wrong', 'starter', 'lesson.md', 'check.ts'),
    by: fc.constantFrom('file', 'fifo', 'dir', 'urandom', 'gone'),
  }),
);

function apply(root: string, m: fc.Arbitrary<unknown> extends never ? never : Record<string, unknown>): void {
  const file = m.file === 'lesson' ? lessonFile(root) : exerciseFile(root);
  if (m.kind === 'text' || m.kind === 'bytes' || m.kind === 'cut') {
    let old: Buffer;
    try {
      if (!statSync(file).isFile()) return; // never read a FIFO or a device in the harness itself
      old = readFileSync(file);
    } catch {
      return; // an earlier mutation replaced the file or its folder
    }
    const at = (m.at as number) % (old.length + 1);
    const insert =
      m.kind === 'text'
        ? Buffer.from(m.text as string)
        : m.kind === 'bytes'
          ? Buffer.from(m.bytes as Uint8Array)
          : Buffer.alloc(0);
    writeFileSync(
      file,
      Buffer.concat([old.subarray(0, at), insert, old.subarray(m.kind === 'cut' ? Math.min(old.length, at + 10) : at)]),
    );
    return;
  }
  const target = {
    lessons: join(root, 'lessons'),
    exercises: join(root, 'exercises'),
    wrong: join(root, 'exercises', 'hello', 'wrong'),
    starter: join(root, 'exercises', 'hello', 'starter'),
    'lesson.md': lessonFile(root),
    'check.ts': join(root, 'exercises', 'hello', 'check.ts'),
  }[m.what as string] as string;
  try {
    rmSync(target, { recursive: true, force: true });
    if (m.by === 'file') writeFileSync(target, 'x');
    else if (m.by === 'fifo') execFileSync('mkfifo', [target], { stdio: 'ignore' });
    else if (m.by === 'dir') mkdirSync(target);
    else if (m.by === 'urandom') symlinkSync('/dev/urandom', target);
  } catch {
    // An earlier mutation removed or replaced the folder this one would change: nothing to do.
  }
}

describe('fuzzed courses', () => {
  // CONTAINERLINGS_FUZZ_RUNS=1000 for the issue's figure; the default keeps the suite quick.
  const runs = Number(process.env.CONTAINERLINGS_FUZZ_RUNS ?? 150);
  it(`${runs} mutated courses: each loads or reports problems; no crash, no hang`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const root = smallCourse();
        try {
          for (const m of mutations) apply(root, m as Record<string, unknown>);
          const problems = await Promise.race([
            problemsOf(root),
            new Promise<never>((_, reject) => setTimeout(() => reject(new Error('hung for 5 s')), 5000)),
          ]);
          for (const p of problems) expect(p).not.toMatch(/\n\s+at /);
        } catch (e) {
          if (e instanceof UserError) return;
          throw e;
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      }),
      { numRuns: runs },
    );
  }, 300_000);
});
