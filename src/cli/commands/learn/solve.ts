// `containerlings solve <exercise> [--give-up]`: the reference solution, after a pass or an explicit give-up.
import type { Invocation } from '../../args.js';
import { requireExercise } from '../../args.js';
import { openTutor } from '../../context.js';
import { EXIT, paint, printJson } from '../../output.js';

export default async function solve(inv: Invocation): Promise<number> {
  const id = requireExercise(inv);
  const tutor = await openTutor(inv);
  if (inv.giveUp) await tutor.giveUp(id);
  const files = await tutor.solution(id);
  if (inv.json) {
    printJson({ exercise: id, files });
    return EXIT.pass;
  }
  for (const { file, content } of files)
    process.stdout.write(`${paint('bold', `── ${file}`)}\n${content.trimEnd()}\n\n`);
  return EXIT.pass;
}
