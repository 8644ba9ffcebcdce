// The authoring kit without an engine: the course format contract (course.yaml), --content, `dev new` scaffolds that
// load at once, and `dev check` on a corpus of broken courses made here (every problem kind, all reported at once).
import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { devCheck } from '../../src/authoring/dev-check.js';
import { newExercise, newLesson } from '../../src/authoring/dev-new.js';
import { parseInvocation } from '../../src/cli/args.js';
import { UserError } from '../../src/errors.js';
import { loadCourse } from '../../src/lessons/course.js';
import { loadCourseFromFiles } from '../../src/lessons/course-loader.js';
import { fingerprint } from '../../src/lessons/snapshot.js';
import { formatProblem } from '../../src/lessons/validate.js';
import { ROOT, runCli, tempDir } from '../support/cli.js';

/** A course of one lesson and one scaffolded exercise, in a fresh folder. */
async function scaffolded(): Promise<string> {
  const root = tempDir('containerlings-authoring-');
  await newLesson(root, 'intro');
  await newExercise(root, 'hello-img', 'intro');
  return root;
}

const problemsOf = async (root: string) => (await devCheck(root)).map(formatProblem);

describe('the course format (course.yaml)', () => {
  it('the shipped course declares format 1, and a course without a manifest loads as format 1', async () => {
    expect(readFileSync(join(ROOT, 'course.yaml'), 'utf8')).toMatch(/^format_version: 1$/m);
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).files).toContain('course.yaml');
    const root = await scaffolded();
    rmSync(join(root, 'course.yaml'));
    expect((await loadCourse(root)).exercises.map((e) => e.id)).toEqual(['hello-img']);
  });

  it('a course for another format is refused: which format it needs, which this one reads, what to do', async () => {
    const root = await scaffolded();
    writeFileSync(join(root, 'course.yaml'), 'format_version: "2"   # made for a newer containerlings\n');
    const refused = await loadCourse(root).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as UserError).message).toMatch(
      /written for course format 2; this containerlings \(.*\) reads course format 1/,
    );
    expect((refused as UserError).next).toMatch(
      /Upgrade containerlings .* or use a version of the course made for format 1/,
    );
    writeFileSync(join(root, 'course.yaml'), 'title: no version\n');
    await expect(loadCourse(root)).rejects.toThrow(/does not say which course format/);
    writeFileSync(join(root, 'course.yaml'), 'format_version: 1\ntitel: typo\n');
    await expect(loadCourseFromFiles(root)).rejects.toThrow(/course\.yaml:2: unknown field titel/);
  });

  it('course.yaml is part of the snapshot fingerprint', async () => {
    const root = await scaffolded();
    const before = fingerprint(root);
    appendFileSync(join(root, 'course.yaml'), 'summary: changed\n');
    expect(fingerprint(root)).not.toBe(before);
  });

  it('--content is an option of the course commands and of dev, and reaches what the command runs', async () => {
    expect(parseInvocation(['list', '--content', 'c']).content).toBe('c');
    expect(parseInvocation(['dev', 'check', '--content', 'c']).content).toBe('c');
    // dev new reads the course folder from CONTAINERLINGS_CONTENT, which main.ts sets from --content.
    const root = tempDir('containerlings-authoring-');
    const made = await runCli(['dev', 'new', 'lesson', 'intro', '--content', root], {
      env: { CONTAINERLINGS_CONTENT: '' },
    });
    expect(made.code).toBe(0);
    expect(readFileSync(join(root, 'lessons', 'intro', 'lesson.md'), 'utf8')).toMatch(/^id: intro$/m);
  }, 30_000); // the built CLI: slower than 5 s on a loaded 2-core machine
});

describe('dev new', () => {
  it('scaffolds an exercise into a copy of a lesson: it loads at once, listed last, comments kept', async () => {
    const root = tempDir('containerlings-authoring-');
    cpSync(join(ROOT, 'lessons', 'cgroups'), join(root, 'lessons', 'cgroups'), { recursive: true });
    for (const id of ['cg-limits', 'cg-oom', 'cg-fork-bomb'])
      cpSync(join(ROOT, 'exercises', id), join(root, 'exercises', id), { recursive: true });
    const written = await newExercise(root, 'cg-new', 'cgroups');
    expect(written).toEqual(
      expect.arrayContaining([
        'exercises/cg-new/exercise.yaml',
        'exercises/cg-new/README.md',
        'exercises/cg-new/check.ts',
        'exercises/cg-new/starter/Dockerfile',
        'exercises/cg-new/solution/commands.sh',
        'exercises/cg-new/wrong/forgot-to-build/commands.sh',
        'exercises/cg-new/wrong/wrong-output/Dockerfile',
      ]),
    );
    const course = await loadCourseFromFiles(root);
    expect(course.lessons[0]!.exercises).toEqual(['cg-limits', 'cg-oom', 'cg-fork-bomb', 'cg-new']);
    const created = course.exercises.find((e) => e.id === 'cg-new')!;
    expect(created.meta.wrongAttempts).toEqual({ 'forgot-to-build': 'not-built', 'wrong-output': 'wrong-output' });
    expect(Object.keys(created.meta.diagnoses)).toEqual(['not-built', 'wrong-output']);
    expect(readFileSync(join(root, 'lessons', 'cgroups', 'lesson.md'), 'utf8')).toContain('## Control groups');
    expect(readFileSync(created.check, 'utf8')).toContain('The check of cg-new is not written yet.');
    expect(readFileSync(join(created.dir, 'README.md'), 'utf8')).toContain('**What the check looks for**');
    // The scaffold is clean content too: dev check finds nothing in it.
    expect((await problemsOf(root)).filter((p) => p.includes('cg-new'))).toEqual([]);
  });

  it('refuses an id in use, a bad id, and a lesson that does not exist', async () => {
    const root = await scaffolded();
    await expect(newExercise(root, 'hello-img', 'intro')).rejects.toThrow(/already/);
    await expect(newExercise(root, 'Hello_Img', 'intro')).rejects.toThrow(/not a valid id/);
    await expect(newExercise(root, 'other', 'nope')).rejects.toThrow(/no lesson "nope".*/);
    await expect(newExercise(root, 'other', undefined)).rejects.toThrow(/--lesson/);
    await expect(newLesson(root, 'intro')).rejects.toThrow(/already/);
  });
});

describe('dev check', () => {
  it('finds nothing in the shipped course, nor in a fresh scaffold', async () => {
    expect(await problemsOf(ROOT)).toEqual([]);
    expect(await problemsOf(await scaffolded())).toEqual([]);
  });

  it('reports every problem of a broken course at once, as file:line: field: message', async () => {
    const root = await scaffolded();
    const ex = join(root, 'exercises', 'hello-img');
    const edit = (file: string, from: string | RegExp, to: string) =>
      writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
    rmSync(join(root, 'course.yaml'));
    // The loader's own problems (a misspelled field) come with the rest.
    edit(join(ex, 'exercise.yaml'), /^timeouts:/m, 'timeout:');
    writeFileSync(join(ex, 'notes.txt'), 'my notes');
    writeFileSync(join(ex, 'wrong', 'stray.txt'), 'x');
    edit(join(ex, 'exercise.yaml'), '    - containerlings/hello-img', '    - containerlings/hello-img\n    - hello');
    writeFileSync(
      join(ex, 'solution', 'commands.sh'),
      'docker run -d --name cl-hello-img -p 8080:80 containerlings/hello-img\n',
    );
    writeFileSync(join(ex, 'solution', 'docker-compose.yml'), 'services:\n  web:\n    ports:\n      - "8080:80"\n');
    edit(
      join(ex, 'README.md'),
      /^# TODO.*$/m,
      '# Hello\n\n![diagram](diagram.png) and [the lesson](../../lessons/intro/lesson.md)',
    );
    edit(
      join(ex, 'check.ts'),
      "import type { Check } from 'containerlings/kit';",
      "import { Check } from 'containerlings/kit';\nimport Docker from 'dockerode';",
    );
    rmSync(join(ex, 'wrong', 'wrong-output', 'Dockerfile'));
    mkdirSync(join(ex, 'wrong', 'wrong-output', 'Dockerfile'));
    writeFileSync(join(ex, 'wrong', 'wrong-output', 'Dockerfile', 'inner'), 'x');
    writeFileSync(join(ex, 'wrong', 'wrong-output', 'extra.txt'), 'x');
    appendFileSync(
      join(root, 'lessons', 'intro', 'lesson.md'),
      '\n```sh run\ndocker run -d --name cl-intro-demo {{image:base/busybox}} sleep 60\n```\n',
    );
    const problems = await problemsOf(root);
    const line = (file: string, text: string) =>
      readFileSync(join(root, file), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes(text)) + 1;
    const yaml = 'exercises/hello-img/exercise.yaml';
    for (const expected of [
      /^course\.yaml: is missing; add one that says `format_version: 1`/,
      new RegExp(`^${yaml}:${line(yaml, 'timeout:')}: unknown field timeout`),
      /^exercises\/hello-img\/notes\.txt: unexpected: the loader never reads it/,
      /^exercises\/hello-img\/wrong\/stray\.txt: unexpected: wrong\/ holds one folder per attempt/,
      new RegExp(
        `^${yaml}:${line(yaml, '- hello')}: resources\\.images\\.1: "hello" should start with containerlings/`,
      ),
      /^exercises\/hello-img\/solution\/commands\.sh:1: ports: publishes 8080:80 on every address.*127\.0\.0\.1:8080:80$/,
      /^exercises\/hello-img\/solution\/docker-compose\.yml:4: ports: publishes 8080:80/,
      /^exercises\/hello-img\/solution\/docker-compose\.yml: adds a file that starter\/ does not have/,
      /^exercises\/hello-img\/README\.md:3: image: diagram\.png does not exist$/,
      /^exercises\/hello-img\/check\.ts:3: import: imports a value from containerlings\/kit/,
      /^exercises\/hello-img\/check\.ts:4: import: imports "dockerode"/,
      /^exercises\/hello-img\/wrong\/wrong-output\/extra\.txt: adds a file that starter\/ does not have/,
      /^exercises\/hello-img\/wrong\/wrong-output\/Dockerfile\/inner: starter\/Dockerfile is a file, so this cannot be laid/,
      /^lessons\/intro\/lesson\.md:\d+: sh run: creates cl-intro-demo and never removes it/,
    ])
      expect(problems, problems.join('\n')).toContainEqual(expect.stringMatching(expected));
    // The link to the lesson resolves: it is no problem.
    expect(problems.join('\n')).not.toContain('lesson.md does not exist');
    // A check that does not compile, and one with no default export.
    writeFileSync(
      join(ex, 'check.ts'),
      "import type { Check } from 'containerlings/kit';\nconst check: Check = async (kit) => {\n",
    );
    expect(await problemsOf(root)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^exercises\/hello-img\/check\.ts:\d+: does not compile: /),
        'exercises/hello-img/check.ts: has no `export default`; end it with `export default check;`',
      ]),
    );
  });

  it('the command exits 1 on findings with one line per problem, 0 on a clean course', async () => {
    const root = await scaffolded();
    expect((await runCli(['dev', 'check', root])).code).toBe(0);
    writeFileSync(join(root, 'exercises', 'hello-img', 'notes.txt'), 'x');
    rmSync(join(root, 'course.yaml'));
    const { code, stdout } = await runCli(['dev', 'check', root]);
    expect(code).toBe(1);
    expect(stdout).toContain('exercises/hello-img/notes.txt: unexpected');
    expect(stdout).toMatch(/^2 problems in /m);
  }, 30_000); // the built CLI, twice: slower than 5 s on a loaded 2-core machine
});
