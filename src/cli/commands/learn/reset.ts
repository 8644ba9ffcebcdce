// `containerlings reset <exercise>`: remove the exercise's declared resources and restore its starter files.
import { UserError } from '../../../errors.js';
import type { Invocation } from '../../args.js';
import { requireExercise } from '../../args.js';
import { confirmed } from '../../confirm.js';
import { openTutor } from '../../context.js';
import { FINDING } from '../../../outcome-theme.js';
import { EXIT, mark, paint, printJson } from '../../output.js';

export default async function reset(inv: Invocation): Promise<number> {
  const id = requireExercise(inv);
  const tutor = await openTutor(inv);
  const { resources } = tutor.exercise(id).meta;
  const declared = [...resources.containers, ...resources.images].join(', ') || 'none';
  if (!inv.yes) {
    if (!process.stdin.isTTY)
      throw new UserError(
        'Reset asks for confirmation, and there is no terminal to ask in.',
        `Run \`containerlings reset ${id} --yes\`.`,
        'usage',
      );
    const ok = await confirmed(
      `Reset ${id}? Your files move to .containerlings/backups/, and these are removed: ${declared}`,
    );
    if (!ok) {
      process.stdout.write('Nothing was changed.\n');
      return EXIT.pass;
    }
  }
  const { removed, backup } = await tutor.reset(id);
  if (inv.json) {
    printJson({ exercise: id, removed: removed.removed, kept: removed.kept, backup: backup ?? null });
    return EXIT.pass;
  }
  process.stdout.write(`${mark(FINDING.ok)} ${id} is back to its starter files in ${tutor.dir(id)}\n`);
  if (backup) process.stdout.write(`  Your previous files are in ${backup}\n`);
  for (const r of removed.removed) process.stdout.write(`  removed ${r}\n`);
  for (const k of removed.kept) process.stdout.write(paint('yellow', `  could not remove ${k}\n`));
  return EXIT.pass;
}
