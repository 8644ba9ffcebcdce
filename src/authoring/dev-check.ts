// `dev check`: the course's content checked without an engine, every problem at once (file:line: field: message),
// for an author's CI. The loader's own problems first, then what only an author needs told: a missing manifest,
// files the loader never reads, resource names, ports off loopback, a check's imports, dead links, overlays.
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { compileCheck } from '../checks/compile.js';
import { UserError } from '../errors.js';
import { README_TRANSLATION, readCourse } from '../lessons/course-loader.js';
import { LESSON_TRANSLATION } from '../lessons/lesson-file.js';
import { FORMAT_VERSION, MANIFEST, readManifestHead } from '../lessons/manifest.js';
import type { Exercise } from '../lessons/model.js';
import type { ContentProblem } from '../lessons/validate.js';

export async function devCheck(root: string): Promise<ContentProblem[]> {
  const problems: ContentProblem[] = [...manifestProblems(root)];
  const course = await readCourse(root);
  problems.push(...course.problems);
  const rel = (path: string) => relative(root, path);
  for (const folder of ['lessons', 'exercises'])
    for (const name of entries(join(root, folder)))
      if (!isDir(join(root, folder, name)))
        problems.push({ file: `${folder}/${name}`, message: `is not a folder; ${folder}/ holds one folder per id` });
  for (const lesson of course.lessons) {
    const dir = dirname(lesson.file);
    // A translation (lesson.<lang>.md) may link to files of its own, such as a translated picture.
    const texts = entries(dir).filter((name) => LESSON_TRANSLATION.test(name));
    const linked = new Set(
      [lesson.file, ...texts.map((name) => join(dir, name))].flatMap((file) => [
        ...markdownProblems(root, file, problems),
      ]),
    );
    for (const name of entries(dir))
      if (name !== 'lesson.md' && !LESSON_TRANSLATION.test(name) && !linked.has(join(dir, name)))
        problems.push({
          file: rel(join(dir, name)),
          message: 'unexpected: a lesson folder holds lesson.md (and its translations) and the files it links to',
        });
    problems.push(...runnableProblems(root, lesson.file));
  }
  // An exercise whose metadata the loader refused is still checked file by file, so every problem shows at once.
  const loaded = new Map(course.exercises.map((e) => [e.id, e]));
  for (const id of entries(join(root, 'exercises')).filter((name) => isDir(join(root, 'exercises', name))))
    problems.push(...(await exerciseProblems(root, loaded.get(id) ?? folderOnly(root, id))));
  return problems;
}

/** An exercise as its folder lays it out, for one whose exercise.yaml could not be read: no metadata. */
function folderOnly(root: string, id: string): Folder {
  const dir = join(root, 'exercises', id);
  return {
    dir,
    readme: join(dir, 'README.md'),
    check: join(dir, 'check.ts'),
    starter: join(dir, 'starter'),
    solution: join(dir, 'solution'),
    wrong: entries(join(dir, 'wrong'))
      .filter((name) => isDir(join(dir, 'wrong', name)))
      .map((name) => ({ name, dir: join(dir, 'wrong', name) })),
  };
}

function manifestProblems(root: string): ContentProblem[] {
  try {
    const head = readManifestHead(root);
    if (!head.present)
      return [
        {
          file: MANIFEST,
          message:
            `is missing; add one that says \`format_version: ${FORMAT_VERSION}\` ` +
            `(without it the course is read as format ${FORMAT_VERSION})`,
        },
      ];
    if (head.formatVersion !== FORMAT_VERSION)
      return [
        {
          file: MANIFEST,
          line: lineOf(readFileSync(join(root, MANIFEST), 'utf8'), 'format_version'),
          field: 'format_version',
          message: `is ${head.formatVersion}; this containerlings reads course format ${FORMAT_VERSION}`,
        },
      ];
  } catch (e) {
    if (e instanceof UserError) return [{ file: MANIFEST, field: 'format_version', message: e.message }];
    throw e;
  }
  return [];
}

/** What these checks read of an exercise: its folders, and its metadata when it could be loaded. */
type Folder = Pick<Exercise, 'dir' | 'readme' | 'check' | 'starter' | 'solution' | 'wrong'> & {
  meta?: Exercise['meta'];
};

const EXERCISE_FILES = /^(exercise\.yaml|README\.md|check\.ts|setup\.sh)$/;
const EXERCISE_FOLDERS = new Set(['starter', 'solution', 'wrong']);

async function exerciseProblems(root: string, exercise: Folder): Promise<ContentProblem[]> {
  const problems: ContentProblem[] = [];
  const rel = (path: string) => relative(root, path);
  const readmes = [
    exercise.readme,
    ...entries(exercise.dir)
      .filter((name) => README_TRANSLATION.test(name))
      .map((name) => join(exercise.dir, name)),
  ];
  const linked = new Set(readmes.flatMap((file) => [...markdownProblems(root, file, problems)]));
  for (const name of entries(exercise.dir)) {
    const path = join(exercise.dir, name);
    const known = EXERCISE_FILES.test(name) || README_TRANSLATION.test(name);
    const expected = isDir(path) ? EXERCISE_FOLDERS.has(name) : known || linked.has(path);
    if (!expected)
      problems.push({
        file: rel(path) + (isDir(path) ? '/' : ''),
        message:
          'unexpected: the loader never reads it (an exercise holds exercise.yaml, README.md and its translations ' +
          'such as README.de.md, check.ts, setup.sh, ' +
          'starter/, solution/, wrong/); a file for the learner belongs in starter/',
      });
  }
  for (const name of entries(join(exercise.dir, 'wrong')))
    if (!isDir(join(exercise.dir, 'wrong', name)))
      problems.push({
        file: rel(join(exercise.dir, 'wrong', name)),
        message: 'unexpected: wrong/ holds one folder per attempt',
      });
  problems.push(...resourceProblems(root, exercise));
  problems.push(...(await checkFileProblems(root, exercise)));
  for (const dir of [exercise.solution, ...exercise.wrong.map((w) => w.dir)])
    problems.push(...overlayProblems(root, exercise, dir));
  for (const dir of [exercise.starter, exercise.solution])
    for (const file of filesUnder(dir)) problems.push(...portProblems(root, file));
  for (const readme of readmes) problems.push(...portProblems(root, readme));
  return problems;
}

/** Resources are named so that reset and cleanup can never touch the learner's own: containerlings/..., cl-... */
const NAMING: Partial<Record<keyof Exercise['meta']['resources'], RegExp>> = {
  images: /^containerlings\//,
  containers: /^cl-/,
  networks: /^cl-/,
  volumes: /^cl-/,
  services: /^cl-/,
  composeProjects: /^cl-/,
};

function resourceProblems(root: string, exercise: Folder): ContentProblem[] {
  const file = relative(root, join(exercise.dir, 'exercise.yaml'));
  let text: string;
  try {
    text = readFileSync(join(exercise.dir, 'exercise.yaml'), 'utf8');
  } catch {
    return [];
  }
  // Metadata the loader refused is read as plain YAML here, so its resource names are still checked.
  let resources: Record<string, unknown> = exercise.meta?.resources ?? {};
  if (!exercise.meta)
    try {
      const raw = (parse(text) as { resources?: unknown } | null)?.resources;
      if (raw && typeof raw === 'object') resources = raw as Record<string, unknown>;
    } catch {
      /* the loader reported the YAML */
    }
  const problems: ContentProblem[] = [];
  for (const [kind, rule] of Object.entries(NAMING)) {
    const names = resources[kind];
    if (!Array.isArray(names)) continue;
    names.forEach((name: unknown, i) => {
      if (typeof name === 'string' && !rule.test(name))
        problems.push({
          file,
          line: lineOf(text, `- ${name}`) ?? lineOf(text, name),
          field: `resources.${kind}.${i}`,
          message:
            `"${name}" should start with ${kind === 'images' ? 'containerlings/' : 'cl-'}, ` +
            "so that reset and cleanup never touch the learner's own",
        });
    });
  }
  return problems;
}

/** A check compiles, has a default export, and imports types only from containerlings/kit (or Node's built-ins). */
async function checkFileProblems(root: string, exercise: Folder): Promise<ContentProblem[]> {
  const file = relative(root, exercise.check);
  let text: string;
  try {
    text = readFileSync(exercise.check, 'utf8');
  } catch {
    return []; // the loader reported it
  }
  const problems: ContentProblem[] = [];
  try {
    await compileCheck(text, file);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    const at = /^[^:]+:(\d+): (.*)$/s.exec(e.message);
    if (at) problems.push({ file, line: Number(at[1]), message: `does not compile: ${at[2]}` });
    // An import the runtime refuses is reported below with its line.
    else if (!/import/i.test(e.message)) problems.push({ file, message: e.message });
  }
  const lineAt = (index: number) => text.slice(0, index).split('\n').length;
  for (const m of text.matchAll(/^[ \t]*import\s+(type\s+)?([\s\S]*?)\s*from\s*['"]([^'"]+)['"]/gm)) {
    const [, typeOnly, names, source] = m;
    if (source === 'containerlings/kit') {
      const allTypes =
        typeOnly ||
        (/^\{[^}]*\}$/.test(names!) &&
          names!
            .slice(1, -1)
            .split(',')
            .every((n) => !n.trim() || /^type\s/.test(n.trim())));
      if (!allTypes)
        problems.push({
          file,
          line: lineAt(m.index),
          field: 'import',
          message:
            "imports a value from containerlings/kit; write `import type { Check } from 'containerlings/kit'` " +
            '(the kit is passed to the check)',
        });
    } else if (!source!.startsWith('node:'))
      problems.push({
        file,
        line: lineAt(m.index),
        field: 'import',
        message:
          `imports "${source}"; a check imports only types from containerlings/kit (and Node's node: built-ins), ` +
          'and gets everything else from the kit',
      });
  }
  for (const m of text.matchAll(/^[ \t]*import\s*['"]([^'"]+)['"]|\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]/gm))
    if (!(m[1] ?? m[2])!.startsWith('node:'))
      problems.push({
        file,
        line: lineAt(m.index),
        field: 'import',
        message: `loads "${m[1] ?? m[2]}" at run time; a check gets everything from the kit`,
      });
  if (!/^export\s+default\b/m.test(text))
    problems.push({ file, message: 'has no `export default`; end it with `export default check;`' });
  return problems;
}

/**
 * solution/ and wrong/<name>/ are laid over a copy of starter/: a file where the starter has a folder (or the other
 * way round) cannot be laid over it, and a file the starter lacks must be one the README tells the learner to make.
 */
function overlayProblems(root: string, exercise: Folder, dir: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const readme = existsSync(exercise.readme) ? readFileSync(exercise.readme, 'utf8') : '';
  for (const file of filesUnder(dir)) {
    const inside = relative(dir, file);
    if (inside === 'commands.sh') continue;
    const parts = inside.split('/');
    const starterPath = join(exercise.starter, inside);
    const blocked = parts.slice(0, -1).findIndex((_, i) => isFile(join(exercise.starter, ...parts.slice(0, i + 1))));
    if (blocked >= 0)
      problems.push({
        file: relative(root, file),
        message: `starter/${parts.slice(0, blocked + 1).join('/')} is a file, so this cannot be laid over the starter`,
      });
    else if (isDir(starterPath))
      problems.push({
        file: relative(root, file),
        message: `starter/${inside} is a folder; this file cannot replace it`,
      });
    else if (
      !existsSync(starterPath) &&
      !readme.includes(parts.at(-1)!) &&
      !(dirname(inside) !== '.' && readme.includes(`${dirname(inside)}/`))
    )
      problems.push({
        file: relative(root, file),
        message:
          `adds a file that starter/ does not have, and README.md names neither ${parts.at(-1)} nor its folder: ` +
          'tell the learner to create it, or add it to starter/',
      });
  }
  return problems;
}

/** `docker run -p 8080:80` and a compose file's "8080:80" publish on every address: only 127.0.0.1 is allowed. */
function portProblems(root: string, file: string): ContentProblem[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const problems: ContentProblem[] = [];
  const compose = /(^|\/)(docker-)?compose[^/]*\.ya?ml$/.test(file);
  text.split('\n').forEach((line, i) => {
    const published: string[] = [];
    if (/\bdocker\s+(container\s+)?(run|create)\b/.test(line))
      for (const m of line.matchAll(/(?:^|\s)(?:-p|--publish)(?:\s+|=)['"]?([^\s'"]+)/g)) published.push(m[1]!);
    if (compose) {
      const item = /^\s*-\s*['"]?([0-9.:[\]-]+:[0-9-]+(?:\/\w+)?)['"]?\s*(#.*)?$/.exec(line);
      if (item) published.push(item[1]!);
    }
    for (const port of published)
      if (!port.startsWith('127.0.0.1:'))
        problems.push({
          file: relative(root, file),
          line: i + 1,
          field: 'ports',
          message: `publishes ${port} on every address of the machine; publish on loopback only: 127.0.0.1:${port.replace(/^[^:]*:(?=.*:)/, '')}`,
        });
  });
  return problems;
}

/**
 * `sh run` blocks can be run twice from the tutorial: a block that starts a container by name (and keeps it) or
 * creates a network must remove it in the same block (first, or when done), or the second run fails ("in use").
 */
function runnableProblems(root: string, file: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const blocks: { line: number; text: string }[][] = [];
  let block: { line: number; text: string }[] | undefined;
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (/^\s*(```+|~~~+)/.test(text)) {
        if (!block && /^\s*(```+|~~~+)\s*(sh|bash|shell)\b.*\brun\b/.test(text)) blocks.push((block = []));
        else block = undefined;
      } else block?.push({ line: i + 1, text });
    });
  for (const lines of blocks) {
    const removed = new Set(
      lines.flatMap(
        ({ text }) => /\bdocker\s+(?:container\s+|network\s+)?(?:rm|remove)\b(.*)/.exec(text)?.[1]!.split(/\s+/) ?? [],
      ),
    );
    for (const { line, text } of lines) {
      const started = /\bdocker\s+(?:container\s+)?(?:run|create)\b.*?--name[ =](\S+)/.exec(text);
      const network = /\bdocker\s+network\s+create\b.*?\s(cl-\S+)/.exec(text);
      const name = started?.[1] ?? network?.[1];
      const throwAway = started && /\s--rm\b/.test(text) && !/\s-d\w*\b|\s--detach\b/.test(text);
      if (name && !throwAway && !removed.has(name) && !/\|\|/.test(text))
        problems.push({
          file: relative(root, file),
          line,
          field: 'sh run',
          message:
            `creates ${name} and never removes it, so a second run fails ("already in use"); remove it first in the ` +
            `same block: docker ${network ? 'network ' : ''}rm ${network ? '' : '-f '}${name} 2>/dev/null || true`,
        });
    }
  }
  return problems;
}

/**
 * Links and images in a Markdown file that lead to a missing file (web links and anchors are not followed). Returns
 * the files it links to, which are expected next to it.
 */
function markdownProblems(root: string, file: string, problems: ContentProblem[]): Set<string> {
  const linked = new Set<string>();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return linked;
  }
  let fenced = false;
  text.split('\n').forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) return;
    for (const m of line
      .replace(/`[^`]*`/g, '')
      .matchAll(/(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+["'][^)]*["'])?\s*\)/g)) {
      const target = m[2]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue;
      const path = resolve(dirname(file), decodeURIComponent(target.replace(/[#?].*$/, '')));
      const outside = relative(root, path).startsWith('..');
      if (outside || !existsSync(path))
        problems.push({
          file: relative(root, file),
          line: i + 1,
          field: m[1] ? 'image' : 'link',
          message: outside
            ? `${target} leads out of the course folder; the course must carry what it shows`
            : `${target} does not exist`,
        });
      else linked.add(path);
    }
  });
  return linked;
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function filesUnder(dir: string): string[] {
  return entries(dir).flatMap((name) => {
    const path = join(dir, name);
    if (lstatSync(path).isSymbolicLink()) return [path];
    return isDir(path) ? filesUnder(path) : [path];
  });
}

const isDir = (path: string) => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
const isFile = (path: string) => statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;

function lineOf(text: string, needle: string): number | undefined {
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  return index >= 0 ? index + 1 : undefined;
}
