// Given a course with some parts translated, when it is loaded in that language, then the translated words are used
// and English fills in everything else; translations that would change what a lesson does are refused.
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { devCheck } from '../../src/authoring/dev-check.js';
import { catalogCoverage, msg, wordsIn, type MessageKey, type PlainMessageKey } from '../../src/i18n/catalog.js';
import { DE } from '../../src/i18n/de.js';
import { EN } from '../../src/i18n/en.js';
import { keyBindings } from '../../src/ui/keys.js';
import { chosenLanguage, languageOf } from '../../src/i18n/lang.js';
import { loadCourse } from '../../src/lessons/course.js';
import { ContentError } from '../../src/lessons/course-loader.js';
import { coverage } from '../../src/lessons/localize.js';
import { readSnapshot, writeSnapshot } from '../../src/lessons/snapshot.js';
import { formatProblem } from '../../src/lessons/validate.js';
import { ROOT, tempDir } from '../support/cli.js';

const LESSON = 'dockerfiles-and-images';
const EXERCISES = ['first-image', 'layers', 'run-flags', 'adder'];
/** A made-up language, so the shipped translations (German) never meet the test's. */
const XX = 'xx';

/** Lesson 1 and its exercises in a temp folder, without any shipped translation. */
function smallCourse(): string {
  const root = tempDir('containerlings-i18n-');
  cpSync(join(ROOT, 'sandbox'), join(root, 'sandbox'), { recursive: true });
  cpSync(join(ROOT, 'lessons', LESSON), join(root, 'lessons', LESSON), { recursive: true });
  for (const id of EXERCISES) cpSync(join(ROOT, 'exercises', id), join(root, 'exercises', id), { recursive: true });
  writeFileSync(join(root, 'package.json'), '{}');
  for (const dir of [join(root, 'lessons', LESSON), ...EXERCISES.map((id) => join(root, 'exercises', id))])
    for (const name of readdirSync(dir)) if (/\.[a-z]{2,3}\.md$/.test(name)) rmSync(join(dir, name));
  return root;
}

const lessonFile = (root: string, lang?: string) => join(root, 'lessons', LESSON, `lesson${lang ? `.${lang}` : ''}.md`);
const metaFile = (root: string, id: string) => join(root, 'exercises', id, 'exercise.yaml');

/** lesson.md with its frontmatter replaced by `frontmatter` and every step heading marked as translated. */
function translatedLesson(root: string, frontmatter = 'title: Translated title'): string {
  const body = readFileSync(lessonFile(root), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
  return `---\n${frontmatter}\n---\n${body.replace(/^## (.*)$/gm, '## [xx] $1')}`;
}

/** first-image's exercise.yaml with its title and all of its hints translated. */
function translateFirstImage(root: string, hints = 3): void {
  const list = Array.from({ length: hints }, (_, i) => `      - "xx hint ${i + 1}"`).join('\n');
  const file = metaFile(root, 'first-image');
  const entry = `translations:\n  xx:\n    title: xx title\n    hints:\n${list}\n`;
  const text = readFileSync(file, 'utf8');
  // Next to the shipped translations, when there are any.
  writeFileSync(file, /^translations:\n/m.test(text) ? text.replace(/^translations:\n/m, entry) : text + entry);
}

async function problemsOf(root: string): Promise<string[]> {
  try {
    await loadCourse(root, XX);
  } catch (e) {
    if (e instanceof ContentError) return e.problems.map(formatProblem);
    throw e;
  }
  return [];
}

describe('the language', () => {
  it('comes from CONTAINERLINGS_LANG, else LC_ALL, LC_MESSAGES and LANG; C and POSIX are English', () => {
    expect(languageOf('de_DE.UTF-8')).toBe('de');
    expect(languageOf('pt-BR')).toBe('pt');
    expect(languageOf('C')).toBe('en');
    expect(languageOf('C.UTF-8')).toBe('en');
    expect(languageOf('POSIX')).toBe('en');
    expect(languageOf('')).toBeUndefined();
    expect(chosenLanguage({})).toBe('en');
    expect(chosenLanguage({ LANG: 'de_DE.UTF-8' })).toBe('de');
    expect(chosenLanguage({ LANG: 'de_DE.UTF-8', LC_MESSAGES: 'C' })).toBe('en');
    expect(chosenLanguage({ LANG: 'de_DE.UTF-8', LC_ALL: 'fr_FR.UTF-8', LC_MESSAGES: 'C' })).toBe('fr');
    expect(chosenLanguage({ LANG: 'C', CONTAINERLINGS_LANG: 'de' })).toBe('de');
  });
});

describe('a translated course', () => {
  it('uses each translation it has and English for the rest', async () => {
    const root = smallCourse();
    writeFileSync(lessonFile(root, XX), translatedLesson(root));
    writeFileSync(join(root, 'exercises', 'first-image', 'README.xx.md'), '# xx task\n');
    translateFirstImage(root);
    const english = await loadCourse(root, 'en');
    const course = await loadCourse(root, XX);

    const [lesson] = course.lessons;
    expect(lesson.title).toBe('Translated title');
    // Not translated: the summary and objectives stay English; the steps are the translation's.
    expect(lesson.summary).toBe(english.lessons[0].summary);
    expect(lesson.objectives).toEqual(english.lessons[0].objectives);
    expect(lesson.steps.map((s) => s.title)).toEqual(english.lessons[0].steps.map((s) => `[xx] ${s.title}`));
    // What the lesson does comes from lesson.md.
    expect(lesson.exercises).toEqual(english.lessons[0].exercises);

    const first = course.exercises.find((e) => e.id === 'first-image')!;
    expect(first.readme).toBe(join(root, 'exercises', 'first-image', 'README.xx.md'));
    expect(first.meta.title).toBe('xx title');
    expect(first.meta.hints).toEqual(['xx hint 1', 'xx hint 2', 'xx hint 3']);
    // A diagnosis hint without a translation stays English.
    const englishFirst = english.exercises.find((e) => e.id === 'first-image')!;
    expect(first.meta.diagnoses).toEqual(englishFirst.meta.diagnoses);

    const layers = course.exercises.find((e) => e.id === 'layers')!;
    const englishLayers = english.exercises.find((e) => e.id === 'layers')!;
    expect(layers.readme).toBe(join(root, 'exercises', 'layers', 'README.md'));
    expect(layers.meta.title).toBe(englishLayers.meta.title);
    expect(layers.meta.hints).toEqual(englishLayers.meta.hints);

    // English is the course as written; another language with no files at all is English too.
    expect(englishFirst.meta.title).toBe('Your first image');
    expect(englishFirst.readme).toBe(join(root, 'exercises', 'first-image', 'README.md'));
    expect((await loadCourse(root, 'fr')).lessons[0].title).toBe(english.lessons[0].title);

    const totalHints = english.exercises.reduce((n, e) => n + e.meta.hints.length, 0);
    expect(coverage(course, XX)).toEqual({
      lang: XX,
      lessons: { translated: 1, total: 1 },
      readmes: { translated: 1, total: 4 },
      hints: { translated: 3, total: totalHints },
    });
    expect(coverage(english, 'en').hints).toEqual({ translated: totalHints, total: totalHints });
  });

  it('keeps its translations in the build snapshot', async () => {
    const root = smallCourse();
    writeFileSync(lessonFile(root, XX), translatedLesson(root));
    writeFileSync(join(root, 'exercises', 'layers', 'README.xx.md'), '# xx task\n');
    mkdirSync(join(root, 'dist'));
    writeSnapshot(await loadCourse(root, 'en'));
    expect(readSnapshot(root)).toBeDefined();
    const course = await loadCourse(root, XX);
    expect(course.lessons[0].title).toBe('Translated title');
    expect(course.exercises.find((e) => e.id === 'layers')!.readme).toMatch(/README\.xx\.md$/);
    // A changed translation makes the snapshot stale, so it is read again from the files.
    writeFileSync(lessonFile(root, XX), translatedLesson(root, 'title: Changed title'));
    expect(readSnapshot(root)).toBeUndefined();
    expect((await loadCourse(root, XX)).lessons[0].title).toBe('Changed title');
  });

  it('refuses a translation that would change what the lesson does', async () => {
    const root = smallCourse();
    const rel = `lessons/${LESSON}/lesson.xx.md`;
    writeFileSync(lessonFile(root, XX), translatedLesson(root, 'title: t\nexercises: [first-image]'));
    expect((await problemsOf(root)).join('\n')).toMatch(new RegExp(`^${rel}:\\d+: unknown field exercises`, 'm'));

    const fewer = translatedLesson(root).replace(/\n## \[xx\] Tidying up[\s\S]*$/, '\n');
    writeFileSync(lessonFile(root, XX), fewer);
    expect(await problemsOf(root)).toContainEqual(
      expect.stringMatching(/^lessons\/.*lesson\.xx\.md: has 8 steps, lesson\.md has 9/),
    );

    const changedRun = translatedLesson(root).replace(/(```sh run\n)/, '$1rm -rf /tmp/x\n');
    writeFileSync(lessonFile(root, XX), changedRun);
    expect(await problemsOf(root)).toContainEqual(expect.stringMatching(/sh run` blocks differ from those of step 2/));
  });

  it('needs one translated hint for each English hint', async () => {
    const root = smallCourse();
    translateFirstImage(root, 2);
    expect(await problemsOf(root)).toContainEqual(
      expect.stringMatching(
        /^exercises\/first-image\/exercise\.yaml:\d+: translations\.xx\.hints: expected 3 hints, one for each English hint/,
      ),
    );
  });

  it('is known to dev check: translated files are not unexpected, names the loader ignores are', async () => {
    const root = smallCourse();
    writeFileSync(lessonFile(root, XX), translatedLesson(root));
    writeFileSync(join(root, 'exercises', 'first-image', 'README.xx.md'), '# xx task\n');
    writeFileSync(join(root, 'exercises', 'layers', 'README.xx-YY.md'), '# xx task\n');
    const problems = (await devCheck(root)).map(formatProblem);
    expect(problems.filter((p) => /\.xx/.test(p))).toEqual([
      expect.stringMatching(/^exercises\/layers\/README\.xx-YY\.md: unexpected: the loader never reads it/),
    ]);
  });
});

describe("the program's own words", () => {
  it('are English by default, German where the catalog has them, English where it has not', () => {
    expect(msg('key.check', {}, 'en')).toBe('check');
    expect(msg('key.check', {}, 'de')).toBe('prüfen');
    expect(msg('list.lesson', { id: 'a', passed: 1, total: 2 }, 'en')).toBe('(a, 1/2 passed)');
    expect(msg('list.lesson', { id: 'a', passed: 1, total: 2 }, 'de')).toBe('(a, 1/2 bestanden)');
    // No catalog for xx: every word is English.
    expect(msg('outcome.fail', {}, XX)).toBe('fail');
    expect(catalogCoverage('de')).toEqual({
      translated: catalogCoverage('en').total,
      total: catalogCoverage('en').total,
    });
  });

  /** Keys German leaves to English on purpose; empty: German says every one of them. */
  const untranslated: readonly MessageKey[] = [];
  /** Keys whose German is the English word itself. */
  const sameInGerman: readonly MessageKey[] = ['linear.problem'];
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  const keys = Object.keys(EN) as MessageKey[];

  it('are all German, apart from the keys listed as untranslated', () => {
    expect(keys.filter((key) => DE[key] === undefined)).toEqual(untranslated);
    expect(Object.keys(DE).filter((key) => !(key in EN))).toEqual([]);
    // A German text copied from English by mistake would read as a translation that is not one.
    expect(keys.filter((key) => DE[key] === EN[key])).toEqual(sameInGerman);
  });

  it('take the same values in German as in English', () => {
    for (const key of keys) {
      const german = DE[key];
      if (german !== undefined)
        expect({ key, names: placeholders(german) }).toEqual({ key, names: placeholders(EN[key]) });
    }
    expect(msg('lesson.pickBlock', { count: 3 }, 'de')).toBe(
      'Dieser Schritt hat 3 Shell-Blöcke: drück 1-3, um einen davon auszuführen.',
    );
  });

  it('fall back to English for a key a translation lacks', () => {
    const partial = { 'notice.cancelled': 'Abgebrochen.' } as const;
    expect(wordsIn(partial, 'notice.cancelled', {})).toBe('Abgebrochen.');
    expect(wordsIn(partial, 'confirm.resetCancelled', {})).toBe('Reset cancelled.');
    expect(wordsIn(partial, 'lesson.stepOf', { n: 2, total: 9 })).toBe('Step 2 of 9');
  });

  it('give every key binding its English label and help', () => {
    for (const binding of keyBindings) {
      expect(binding.label).toBe(msg(`key.${binding.command}` as PlainMessageKey, {}, 'en'));
      expect(binding.help).toBe(msg(`key.${binding.command}.help` as PlainMessageKey, {}, 'en'));
    }
    expect(keyBindings.find((b) => b.command === 'check')!.label).toBe('check');
  });
});

describe('the shipped German translation', () => {
  /** Every fenced code block of a markdown text, in order. */
  const codeBlocks = (text: string) => [...text.matchAll(/^( *)(```[^\n]*\n[\s\S]*?^\1```)/gm)].map((m) => m[2]);

  it('covers lesson 1 and its four exercises in full, with every command and code block as in English', async () => {
    const course = await loadCourse(ROOT, 'de');
    const english = await loadCourse(ROOT, 'en');
    const lesson = course.lessons.find((l) => l.id === LESSON)!;
    expect(lesson.title).toBe('Dockerfiles und Images');
    expect(lesson.objectives).toHaveLength(english.lessons.find((l) => l.id === LESSON)!.objectives.length);
    const lessonText = (lang: string) => readFileSync(join(ROOT, 'lessons', LESSON, `lesson${lang}.md`), 'utf8');
    expect(codeBlocks(lessonText('.de'))).toEqual(codeBlocks(lessonText('')));
    for (const id of EXERCISES) {
      const exercise = course.exercises.find((e) => e.id === id)!;
      const englishExercise = english.exercises.find((e) => e.id === id)!;
      expect(exercise.readme).toMatch(/README\.de\.md$/);
      expect(codeBlocks(readFileSync(exercise.readme, 'utf8'))).toEqual(
        codeBlocks(readFileSync(englishExercise.readme, 'utf8')),
      );
      expect(exercise.meta.title).not.toBe(englishExercise.meta.title);
      const translation = exercise.meta.translations.de!;
      expect(translation.hints).toHaveLength(englishExercise.meta.hints.length);
      expect(Object.keys(translation.diagnoses ?? {}).sort()).toEqual(Object.keys(exercise.meta.diagnoses).sort());
    }
    const { lessons, readmes } = coverage(course, 'de');
    expect(lessons.translated).toBeGreaterThanOrEqual(1);
    expect(readmes.translated).toBeGreaterThanOrEqual(4);
  });
});
