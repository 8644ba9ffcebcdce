// What dev check asks of one exercise's files: resource names in exercise.yaml, a check.ts that compiles and imports
// only types from the kit, and solution/ and wrong/ that can be laid over starter/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';
import { compileCheck } from '../checks/compile.js';
import { UserError } from '../errors.js';
import type { Exercise } from '../lessons/model.js';
import type { ContentProblem } from '../lessons/validate.js';
import { filesUnder, type Folder, isDir, isFile, lineOf } from './course-folders.js';

/** Resources are named so that reset and cleanup can never touch the learner's own: containerlings/..., cl-... */
const NAMING: Partial<Record<keyof Exercise['meta']['resources'], RegExp>> = {
  images: /^containerlings\//,
  containers: /^cl-/,
  networks: /^cl-/,
  volumes: /^cl-/,
  services: /^cl-/,
  composeProjects: /^cl-/,
};

export function resourceProblems(root: string, exercise: Folder): ContentProblem[] {
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
export async function checkFileProblems(root: string, exercise: Folder): Promise<ContentProblem[]> {
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
export function overlayProblems(root: string, exercise: Folder, dir: string): ContentProblem[] {
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
