// `containerlings list`: lessons and their exercises, with the workspace's progress.
import type { Invocation } from '../../args.js';
import { maybeTutor } from '../../context.js';
import { courseInUse } from '../../workshop-context.js';
import { STATUS } from '../../../outcome-theme.js';
import { EXIT, mark, paint, printJson } from '../../output.js';
import { courseOverview } from '../../../tutor/overview.js';
import { coverage, type Coverage } from '../../../lessons/localize.js';
import { msg } from '../../../i18n/catalog.js';

/** In a language other than English: how much of the course is in it. */
function coverageLine({ lang, lessons, readmes, hints }: Coverage): string {
  const share = (s: { translated: number; total: number }) => `${s.translated}/${s.total}`;
  return msg('list.translated', { lang, lessons: share(lessons), readmes: share(readmes), hints: share(hints) });
}

export default async function list(inv: Invocation): Promise<number> {
  const tutor = await maybeTutor(inv);
  const course = tutor?.course ?? (await courseInUse(inv)).course;
  const lessons = await courseOverview(course, tutor?.progress());
  // Said only for another language: in English the whole course is there.
  const translated = course.lang ? coverage(course, course.lang) : undefined;
  if (inv.json) {
    printJson({ workspace: tutor?.workspace.dir ?? null, lessons, ...(translated ? { translated } : {}) });
    return EXIT.pass;
  }
  for (const lesson of lessons) {
    const passed = lesson.exercises.filter((e) => e.status === 'passed').length;
    if (lesson.unavailable) {
      const line = msg('list.unavailable', { title: lesson.title, id: lesson.id, why: lesson.unavailable });
      process.stdout.write(`${paint('dim', line)}\n`);
      continue;
    }
    process.stdout.write(
      `${paint('bold', lesson.title)} ${paint('dim', msg('list.lesson', { id: lesson.id, passed, total: lesson.exercises.length }))}\n`,
    );
    for (const e of lesson.exercises)
      process.stdout.write(`  ${mark(STATUS[e.status])} ${e.id.padEnd(22)} ${e.title}\n`);
  }
  if (translated) process.stdout.write(paint('dim', `\n${coverageLine(translated)}\n`));
  if (!tutor) process.stdout.write(paint('dim', `\n${msg('list.noWorkspace')}\n`));
  return EXIT.pass;
}
