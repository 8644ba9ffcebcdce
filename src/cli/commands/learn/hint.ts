// `containerlings hint <exercise>`: the next hint; the position is saved in the workspace.
import type { Invocation } from '../../args.js';
import { requireExercise } from '../../args.js';
import { openTutor } from '../../context.js';
import { EXIT, paint, printJson } from '../../output.js';
import { msg } from '../../../i18n/catalog.js';

export default async function hint(inv: Invocation): Promise<number> {
  const id = requireExercise(inv);
  const tutor = await openTutor(inv);
  const { hint, number, total, diagnosis } = await tutor.nextHint(id);
  if (inv.json) printJson({ exercise: id, hint, number, total, ...(diagnosis ? { diagnosis } : {}) });
  else
    process.stdout.write(
      `${paint('blue', `${diagnosis ? msg('exercise.diagnosisHint') : msg('exercise.hintOf', { n: number, total })}:`)} ${hint}\n`,
    );
  return EXIT.pass;
}
