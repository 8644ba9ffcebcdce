// `containerlings dev new lesson <id>`, `dev new exercise <id> --lesson <id>`, `dev check [dir]`: write a course.
// They work on the course --content (or CONTAINERLINGS_CONTENT) names, else the shipped one; `dev check` on [dir].
import { resolve } from 'node:path';
import { UserError } from '../../../errors.js';
import { contentRoot } from '../../../lessons/course.js';
import { formatProblem } from '../../../lessons/validate.js';
import type { Invocation } from '../../args.js';
import { EXIT, paint, printJson } from '../../output.js';

const USAGE =
  'Run `containerlings dev new lesson <id>`, `containerlings dev new exercise <id> --lesson <id>` or ' +
  '`containerlings dev check [dir]`.';

export default async function dev(inv: Invocation): Promise<number> {
  const [action, kind, id] = inv.positionals;
  if (action === 'check') return check(inv, resolve(inv.positionals[1] ?? contentRoot()));
  if (action === 'new' && (kind === 'lesson' || kind === 'exercise')) return scaffold(inv, kind, id);
  throw new UserError(
    action
      ? `\`containerlings dev\` does not know "${inv.positionals.join(' ')}".`
      : '`containerlings dev` needs an action.',
    USAGE,
    'usage',
  );
}

async function scaffold(inv: Invocation, kind: 'lesson' | 'exercise', id: string | undefined): Promise<number> {
  const root = contentRoot();
  const { newExercise, newLesson } = await import('../../../authoring/dev-new.js');
  const written = kind === 'lesson' ? await newLesson(root, id) : await newExercise(root, id, inv.lesson);
  // The new content must load at once: a problem here is the author's to see now, not at the next start.
  const { readCourse } = await import('../../../lessons/course-loader.js');
  const { problems } = await readCourse(root);
  const content = process.env.CONTAINERLINGS_CONTENT ? ` --content ${root}` : '';
  const next =
    kind === 'lesson'
      ? [
          `Write lessons/${id}/lesson.md, then add an exercise: containerlings dev new exercise <id> --lesson ${id}${content}`,
        ]
      : [
          `Write exercises/${id}/README.md and check.ts (the check fails with "not written yet" until you do), and`,
          `adjust starter/, solution/ and wrong/. Then: containerlings dev check${content ? ` ${root}` : ''}`,
          `and prove it on the engine: containerlings selftest ${id}${content}`,
        ];
  if (inv.json) printJson({ root, written, problems: problems.map(formatProblem), next });
  else {
    process.stdout.write(`Created in ${root}:\n${written.map((f) => `  ${f}`).join('\n')}\n\n`);
    if (problems.length)
      process.stdout.write(
        paint('yellow', `The course has ${problems.length} problem(s) to fix:\n`) +
          problems.map((p) => `  ${formatProblem(p)}\n`).join('') +
          '\n',
      );
    process.stdout.write(`Next: ${next.join('\n      ')}\n`);
  }
  return problems.length ? EXIT.fail : EXIT.pass;
}

async function check(inv: Invocation, root: string): Promise<number> {
  const { devCheck } = await import('../../../authoring/dev-check.js');
  const problems = await devCheck(root);
  if (inv.json)
    printJson({ root, ok: problems.length === 0, problems: problems.map((p) => ({ ...p, text: formatProblem(p) })) });
  else if (problems.length === 0) process.stdout.write(`${paint('green', 'ok')} ${root}: no problems found\n`);
  else
    process.stdout.write(
      problems.map((p) => `${formatProblem(p)}\n`).join('') +
        `\n${problems.length} problem${problems.length === 1 ? '' : 's'} in ${root}\n`,
    );
  return problems.length ? EXIT.fail : EXIT.pass;
}
