// `containerlings list`: lessons and their exercises, with the workspace's progress.
import type { Invocation } from '../../args.js';
import { maybeTutor } from '../../context.js';
import { courseInUse } from '../../workshop-context.js';
import { STATUS } from '../../../outcome-theme.js';
import { EXIT, mark, paint, printJson } from '../../output.js';
import { courseOverview } from '../../../tutor/overview.js';

export default async function list(inv: Invocation): Promise<number> {
  const tutor = await maybeTutor(inv);
  const course = tutor?.course ?? (await courseInUse(inv)).course;
  const lessons = await courseOverview(course, tutor?.progress());
  if (inv.json) {
    printJson({ workspace: tutor?.workspace.dir ?? null, lessons });
    return EXIT.pass;
  }
  for (const lesson of lessons) {
    const passed = lesson.exercises.filter((e) => e.status === 'passed').length;
    if (lesson.unavailable) {
      process.stdout.write(`${paint('dim', `${lesson.title} (${lesson.id}, unavailable: ${lesson.unavailable})`)}\n`);
      continue;
    }
    process.stdout.write(
      `${paint('bold', lesson.title)} ${paint('dim', `(${lesson.id}, ${passed}/${lesson.exercises.length} passed)`)}\n`,
    );
    for (const e of lesson.exercises)
      process.stdout.write(`  ${mark(STATUS[e.status])} ${e.id.padEnd(22)} ${e.title}\n`);
  }
  if (!tutor) process.stdout.write(paint('dim', '\nNo workspace yet: `containerlings init` creates one.\n'));
  return EXIT.pass;
}
