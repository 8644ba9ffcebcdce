// Reads lessons/<id>/lesson.md: YAML frontmatter, then steps that each begin with an H2 heading.
import { join, relative } from 'node:path';
import { readContentFile } from './content-file.js';
import { placeholders } from './markdown.js';
import { LessonFrontmatter } from './schema.js';
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

export interface Lesson extends LessonFrontmatter {
  readonly file: string;
  readonly steps: readonly Step[];
}

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

export async function parseLessonFile(
  root: string,
  id: string,
  problems: ContentProblem[],
): Promise<Lesson | undefined> {
  const file = join(root, 'lessons', id, 'lesson.md');
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
  const { value, problems: found } = parseYaml(LessonFrontmatter, match[1], rel, 1);
  problems.push(...found);
  if (!value) return undefined;
  if (value.id !== id)
    problems.push({ file: rel, line: 2, field: 'id', message: `expected "${id}", the folder's name` });
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
  checkPlaceholders(text, value.images, rel, problems);
  if (steps.length === 0) {
    const line = match[0].split('\n').length;
    problems.push({ file: rel, line, message: 'has no steps; start each step with a `## Heading`' });
  }
  return { ...value, file, steps };
}
