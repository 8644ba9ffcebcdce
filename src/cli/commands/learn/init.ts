// `containerlings init [dir]`: create a workspace, copy in the starter files, get the base images ready.
import { resolve } from 'node:path';
import { UserError } from '../../../errors.js';
import { Tutor } from '../../../tutor/tutor.js';
import { locateWorkspace } from '../../../progress/workspace.js';
import type { Invocation } from '../../args.js';
import { FINDING } from '../../../outcome-theme.js';
import { EXIT, mark, paint, printJson } from '../../output.js';
import { courseInUse, rememberInWorkspace } from '../../workshop-context.js';

export default async function init(inv: Invocation): Promise<number> {
  const dir = inv.positionals[0] ? resolve(inv.positionals[0]) : locateWorkspace(inv.workspace);
  const used = await courseInUse({ workshop: inv.workshop, workspace: dir });
  const tutor = await Tutor.open(dir, { create: true, course: used.course });
  await rememberInWorkspace(inv, used, dir);
  const say = (line: string) => !inv.json && process.stdout.write(paint('dim', line) + '\n');
  let images: Record<string, string> | { error: string; next?: string };
  try {
    images = await tutor.prepareImages(say);
  } catch (e) {
    // A workspace is useful without an engine (reading lessons); say what is missing instead of failing.
    if (!(e instanceof UserError)) throw e;
    images = { error: e.message, next: e.next };
  }
  if (inv.json) {
    printJson({
      workspace: tutor.workspace.dir,
      exercises: tutor.course.exercises.map((e) => e.id),
      kept: tutor.kept,
      images,
    });
    return EXIT.pass;
  }
  process.stdout.write(`${mark(FINDING.ok)} Workspace ready: ${tutor.workspace.dir}\n`);
  process.stdout.write(`  One folder per exercise, e.g. ${tutor.dir(tutor.course.exercises[0]?.id ?? '')}\n`);
  for (const id of tutor.kept)
    process.stdout.write(
      paint('yellow', `! Kept your files in ${tutor.dir(id)}: ${id} was missing from the progress file.\n`) +
        `  Its record starts again (not passed yet); \`containerlings reset ${id}\` backs them up and restores the starter.\n`,
    );
  if ('error' in images)
    process.stdout.write(paint('yellow', `! Base images are not ready: ${images.error}\n  ${images.next ?? ''}\n`));
  process.stdout.write(`  Open the tutorial with ${paint('bold', 'containerlings')} from inside it.\n`);
  return EXIT.pass;
}
