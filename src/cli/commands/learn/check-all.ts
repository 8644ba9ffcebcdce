// `containerlings check --all [--json] [--junit FILE]`: every exercise (of the workshop, when there is one),
// as a versioned results document and JUnit XML. Exit 0 all pass, 1 any fail, 2 any error.
import { resolve } from 'node:path';
import { toJunit } from '../../../grading/junit.js';
import { exitCodeOf, gradeAll } from '../../../grading/results.js';
import type { Invocation } from '../../args.js';
import { openTutor } from '../../context.js';
import { writeOutputFile } from '../../output-file.js';
import { outcomeLabel, paint, printJson } from '../../output.js';
import { courseInUse } from '../../workshop-context.js';

export default async function checkAll(inv: Invocation, signal: AbortSignal): Promise<number> {
  const [tutor, { workshop }] = await Promise.all([openTutor(inv), courseInUse(inv)]);
  const doc = await gradeAll(tutor, tutor.course.exercises, {
    workshop: workshop?.title,
    signal,
    onResult: (r) => {
      if (inv.json) return;
      process.stdout.write(
        `${outcomeLabel(r.outcome)}  ${r.exercise.padEnd(22)} ${paint('dim', `${(r.durationMs / 1000).toFixed(1)}s`)}  ${r.message}\n`,
      );
    },
  });
  if (inv.junit)
    await writeOutputFile(resolve(inv.junit), toJunit(doc), '`containerlings check --all --junit results.xml`');
  if (inv.json) printJson(doc);
  else {
    const s = doc.summary;
    process.stdout.write(
      `\n${s.pass}/${s.total} passed, ${s.fail} failed, ${s.error} errors` +
        `${inv.junit ? paint('dim', ` (JUnit: ${resolve(inv.junit)})`) : ''}\n`,
    );
  }
  return exitCodeOf(doc.summary);
}
