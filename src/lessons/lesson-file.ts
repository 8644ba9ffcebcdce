// Reads lessons/<id>/lesson.md: YAML frontmatter, then steps that each begin with an H2 heading; and its
// translations, lesson.<lang>.md, which change only the words.
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { readContentFile } from './content-file.js';
import { placeholders } from './markdown.js';
import { LessonFrontmatter, LessonTranslationFrontmatter } from './schema.js';
import { parseYaml, type ContentProblem } from './validate.js';

export interface CodeBlock {
  readonly lang: string;
  readonly code: string;
  /** Marked `sh run`: the TUI may run it in the workspace. */
  readonly runnable: boolean;
}

export interface Step {
  readonly title: string;
  /** The step's Markdown, heading excluded, with templates not yet filled in. */
  readonly markdown: string;
  readonly blocks: readonly CodeBlock[];
}

/** lesson.<lang>.md: the same steps in the same order, with the same `sh run` blocks; only the words differ. */
export interface LessonTranslation extends LessonTranslationFrontmatter {
  readonly file: string;
  readonly steps: readonly Step[];
}

export interface Lesson extends LessonFrontmatter {
  readonly file: string;
  readonly steps: readonly Step[];
  /** By language code; a language without a file here reads lesson.md. */
  readonly translations?: Readonly<Record<string, LessonTranslation>>;
}

/** lesson.de.md → de. */
export const LESSON_TRANSLATION = /^lesson\.([a-z]{2,3})\.md$/;

const FENCE = /^(```+|~~~+)\s*([^\s`]*)\s*(.*)$/;

/** What splitSteps could not make sense of: a fence never closed, headings with no title (1-based lines of `body`). */
export interface StepProblems {
  unclosedFence?: number;
  blankTitles: number[];
}

export function splitSteps(body: string, found: StepProblems = { blankTitles: [] }): Step[] {
  const steps: { title: string; lines: string[]; blocks: CodeBlock[] }[] = [];
  let fence: { marker: string; lang: string; runnable: boolean; lines: string[]; line: number } | undefined;
  for (const [index, line] of body.split('\n').entries()) {
    const current = steps.at(-1);
    if (fence) {
      if (line.trim().startsWith(fence.marker) && line.trim().replace(/[`~]/g, '') === '') {
        current?.blocks.push({ lang: fence.lang, code: fence.lines.join('\n'), runnable: fence.runnable });
        fence = undefined;
      } else fence.lines.push(line);
      current?.lines.push(line);
      continue;
    }
    const open = FENCE.exec(line.trim());
    if (open)
      fence = {
        marker: open[1],
        lang: open[2],
        runnable: /^(sh|bash|shell)$/.test(open[2]) && /\brun\b/.test(open[3]),
        lines: [],
        line: index + 1,
      };
    if (!open && /^##(\s+#*)?\s*$/.test(line)) found.blankTitles.push(index + 1);
    const heading = /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading && !open) steps.push({ title: heading[1], lines: [], blocks: [] });
    else if (current) current.lines.push(open ? line.replace(/\s+run\b/, '') : line);
  }
  if (fence) found.unclosedFence = fence.line;
  return steps.map((s) => ({ title: s.title, markdown: s.lines.join('\n').trim(), blocks: s.blocks }));
}

/** Sandbox values a lesson may use; image:<name> must be one of the lesson's `images`. */
const KNOWN_VALUES = new Set(['workspace', 'registry', 'ecr-registry', 'region', 'registry-password-file']);

function checkPlaceholders(text: string, images: readonly string[], file: string, problems: ContentProblem[]) {
  text.split('\n').forEach((line, i) => {
    for (const name of placeholders(line)) {
      const image = name.startsWith('image:') ? name.slice('image:'.length) : undefined;
      if (image !== undefined ? images.includes(image) : KNOWN_VALUES.has(name)) continue;
      problems.push({
        file,
        line: i + 1,
        field: `{{${name}}}`,
        message:
          image !== undefined
            ? `expected an image listed in the lesson's images (${images.join(', ') || 'none'})`
            : `expected one of ${[...KNOWN_VALUES].map((v) => `{{${v}}}`).join(', ')} or {{image:<name>}}`,
      });
    }
  });
}

/** A lesson file's frontmatter (validated by `schema`) and steps, with every problem found in it. */
async function readLessonText<S extends typeof LessonFrontmatter | typeof LessonTranslationFrontmatter>(
  root: string,
  file: string,
  schema: S,
  problems: ContentProblem[],
): Promise<{ value: S['_output']; text: string; steps: Step[]; line: number } | undefined> {
  const rel = relative(root, file);
  const read = await readContentFile(root, file);
  if (!read) {
    problems.push({ file: rel, message: 'is missing; a lesson folder needs a lesson.md' });
    return undefined;
  }
  if ('problem' in read) {
    problems.push({ file: rel, line: read.line, message: read.problem });
    return undefined;
  }
  const text = read.text.replace(/\r\n/g, '\n');
  const match = /^---\n([\s\S]*?)\n---\n?/.exec(text);
  if (!match) {
    problems.push({ file: rel, line: 1, message: 'expected YAML frontmatter between two `---` lines at the top' });
    return undefined;
  }
  const { value, problems: found } = parseYaml(schema, match[1], rel, 1);
  problems.push(...found);
  if (!value) return undefined;
  const stepProblems: StepProblems = { blankTitles: [] };
  const steps = splitSteps(text.slice(match[0].length), stepProblems);
  const bodyLine = (n: number) => match[0].split('\n').length - 1 + n;
  if (stepProblems.unclosedFence !== undefined)
    problems.push({
      file: rel,
      line: bodyLine(stepProblems.unclosedFence),
      message: 'this code fence is never closed, so every later step would be swallowed; close it with the same marker',
    });
  for (const n of stepProblems.blankTitles)
    problems.push({
      file: rel,
      line: bodyLine(n),
      message: "a step heading with no title; write the step's title after ##",
    });
  if (steps.length === 0) {
    const line = match[0].split('\n').length;
    problems.push({ file: rel, line, message: 'has no steps; start each step with a `## Heading`' });
  }
  return { value, text, steps, line: match[0].split('\n').length };
}

export async function parseLessonFile(
  root: string,
  id: string,
  problems: ContentProblem[],
): Promise<Lesson | undefined> {
  const file = join(root, 'lessons', id, 'lesson.md');
  const rel = relative(root, file);
  const read = await readLessonText(root, file, LessonFrontmatter, problems);
  if (!read) return undefined;
  const { value, text, steps } = read;
  if (value.id !== id)
    problems.push({ file: rel, line: 2, field: 'id', message: `expected "${id}", the folder's name` });
  checkPlaceholders(text, value.images, rel, problems);
  const lesson: Lesson = { ...value, file, steps };
  const translations = await readTranslations(root, lesson, problems);
  return Object.keys(translations).length > 0 ? { ...lesson, translations } : lesson;
}

/** The runnable blocks of a step, which a translation must keep exactly (the TUI runs them). */
const runnable = (step: Step) => step.blocks.filter((b) => b.runnable).map((b) => b.code);

async function readTranslations(
  root: string,
  english: Lesson,
  problems: ContentProblem[],
): Promise<Record<string, LessonTranslation>> {
  const dir = join(root, 'lessons', english.id);
  const names = await readdir(dir).catch(() => [] as string[]);
  const translations: Record<string, LessonTranslation> = {};
  for (const name of names.sort()) {
    const lang = LESSON_TRANSLATION.exec(name)?.[1];
    if (!lang) continue;
    const file = join(dir, name);
    const rel = relative(root, file);
    const found: ContentProblem[] = [];
    const read = await readLessonText(root, file, LessonTranslationFrontmatter, found);
    if (read) {
      checkPlaceholders(read.text, english.images, rel, found);
      if (read.steps.length !== english.steps.length)
        found.push({
          file: rel,
          message:
            `has ${read.steps.length} steps, lesson.md has ${english.steps.length}: ` +
            'a translation keeps every step, in the same order',
        });
      else
        read.steps.forEach((step, i) => {
          if (JSON.stringify(runnable(step)) !== JSON.stringify(runnable(english.steps[i])))
            found.push({
              file: rel,
              field: `## ${step.title}`,
              message: `its \`sh run\` blocks differ from those of step ${i + 1} in lesson.md; copy them unchanged`,
            });
        });
    }
    problems.push(...found);
    if (read && found.length === 0) translations[lang] = { ...read.value, file, steps: read.steps };
  }
  return translations;
}
