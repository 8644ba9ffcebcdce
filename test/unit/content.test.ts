// Given malformed content, when it is loaded, then every problem names the file, line, field and expectation.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/lessons/course.js';
import { ContentError } from '../../src/lessons/course-loader.js';
import { splitSteps } from '../../src/lessons/lesson-file.js';
import { formatProblem } from '../../src/lessons/validate.js';
import { ROOT, tempDir } from '../support/cli.js';

function copyContent(): string {
  const dir = tempDir('containerlings-content-');
  for (const part of ['lessons', 'exercises', 'sandbox'])
    cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{}');
  return dir;
}

async function problemsOf(root: string): Promise<string[]> {
  try {
    await loadCourse(root);
  } catch (e) {
    if (e instanceof ContentError) return e.problems.map(formatProblem);
    throw e;
  }
  return [];
}

describe('content validation', () => {
  it('accepts the shipped course', async () => {
    const course = await loadCourse(ROOT);
    expect(course.lessons.map((l) => l.id)).toContain('dockerfiles-and-images');
    expect(course.exercises.length).toBeGreaterThanOrEqual(3);
  });

  it('reports a misspelled and a missing field with their lines', async () => {
    const root = copyContent();
    const file = join(root, 'exercises', 'first-image', 'exercise.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^hints:/m, 'hintz:'));
    const problems = await problemsOf(root);
    expect(problems).toContainEqual(
      expect.stringMatching(/^exercises\/first-image\/exercise\.yaml:\d+: hints: is missing; expected array$/),
    );
    const line =
      readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((l) => l.startsWith('hintz:')) + 1;
    expect(problems).toContain(`exercises/first-image/exercise.yaml:${line}: unknown field hintz (check the spelling)`);
  });

  it('reports broken YAML frontmatter with the line in lesson.md', async () => {
    const root = copyContent();
    const file = join(root, 'lessons', 'dockerfiles-and-images', 'lesson.md');
    const text = readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: [unclosed');
    writeFileSync(file, text);
    const problems = await problemsOf(root);
    expect(problems.join('\n')).toMatch(/^lessons\/dockerfiles-and-images\/lesson\.md:\d+: this is not valid YAML/m);
  });

  it('requires two wrong attempts, a solution and a check', async () => {
    const root = copyContent();
    const dir = join(root, 'exercises', 'broken');
    mkdirSync(join(dir, 'starter'), { recursive: true });
    writeFileSync(
      join(dir, 'exercise.yaml'),
      'id: broken\ntitle: Broken\nlesson: dockerfiles-and-images\nhints: [try]\n',
    );
    const problems = await problemsOf(root);
    expect(problems).toEqual(
      expect.arrayContaining([
        'exercises/broken/check.ts: is missing; it holds the check',
        'exercises/broken/solution/: is missing; it holds the reference solution',
        'exercises/broken/wrong/: has 0 attempt(s); expected at least two known-wrong attempts',
        expect.stringMatching(/^exercises\/broken\/exercise\.yaml: lesson: no lesson lists this exercise/),
      ]),
    );
  });

  it('refuses a node label key of our own: reset must never remove the ownership label', async () => {
    const root = copyContent();
    const file = join(root, 'exercises', 'swarm-placement', 'exercise.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^ {4}- zone$/m, '    - io.containerlings.sandbox'));
    const problems = await problemsOf(root);
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^exercises\/swarm-placement\/exercise\.yaml:\d+: resources\.nodeLabels\.0: .*not io\.containerlings/,
      ),
    );
  });

  it('reports a lesson that names an exercise which does not exist', async () => {
    const root = copyContent();
    const file = join(root, 'lessons', 'dockerfiles-and-images', 'lesson.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^exercises:\s*$/m, 'exercises:\n  - ghost'));
    expect(await problemsOf(root)).toContainEqual(
      expect.stringContaining('names "ghost", but exercises/ghost/ does not exist'),
    );
  });
});

describe('lesson steps', () => {
  it('splits on H2 headings, ignores headings inside code, and finds runnable blocks', () => {
    const steps = splitSteps(
      [
        'intro ignored',
        '## One',
        'text',
        '```sh run',
        'docker ps',
        '## not a heading',
        '```',
        '## Two',
        '```sh',
        'ls',
        '```',
      ].join('\n'),
    );
    expect(steps.map((s) => s.title)).toEqual(['One', 'Two']);
    expect(steps[0].blocks).toEqual([{ lang: 'sh', code: 'docker ps\n## not a heading', runnable: true }]);
    expect(steps[0].markdown).toContain('```sh\n');
    expect(steps[1].blocks[0].runnable).toBe(false);
  });
});

describe('lesson templates', () => {
  it('reports an unknown placeholder with its line', async () => {
    const root = copyContent();
    const file = join(root, 'lessons', 'dockerfiles-and-images', 'lesson.md');
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('## ')) + 1;
    lines.splice(at, 0, 'Push to {{registy}} and build on {{image:base/debian}}.');
    writeFileSync(file, lines.join('\n'));
    const problems = await problemsOf(root);
    expect(problems).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^lessons/dockerfiles-and-images/lesson\\.md:${at + 1}: \\{\\{registy\\}\\}: ` +
            `expected one of \\{\\{workspace\\}\\}.* or \\{\\{image:<name>\\}\\}$`,
        ),
      ),
    );
    expect(problems).toContain(
      `lessons/dockerfiles-and-images/lesson.md:${at + 1}: {{image:base/debian}}: ` +
        "expected an image listed in the lesson's images (base/busybox)",
    );
  });
});
