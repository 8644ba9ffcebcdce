// `containerlings submit [--student NAME] [--out DIR]`: check everything and write this student's result bundle.
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { BUNDLE_SUFFIX, studentSlug } from '../../../grading/bundle.js';
import { exitCodeOf } from '../../../grading/results.js';
import { makeBundle } from '../../../grading/submission.js';
import type { Invocation } from '../../args.js';
import { openTutor } from '../../context.js';
import { writeOutputFile } from '../../output-file.js';
import { FINDING } from '../../../outcome-theme.js';
import { mark, paint, printJson } from '../../output.js';
import { courseInUse } from '../../workshop-context.js';
import { makeDirs } from '../../../make-dirs.js';

export default async function submit(inv: Invocation, signal: AbortSignal): Promise<number> {
  const [tutor, { workshop }] = await Promise.all([openTutor(inv), courseInUse(inv)]);
  const student = inv.student ?? process.env.CONTAINERLINGS_STUDENT ?? userInfo().username;
  const say = (line: string) => !inv.json && process.stderr.write(paint('dim', line) + '\n');
  // The folder first: a bad --out is said before the checks run, not after.
  const dir = resolve(inv.out ?? tutor.workspace.dir);
  await makeDirs(dir);
  const bundle = await makeBundle(tutor, student, workshop, say, signal);
  const file = join(dir, `${studentSlug(student)}${BUNDLE_SUFFIX}`);
  await writeOutputFile(file, JSON.stringify(bundle, null, 2) + '\n', '`containerlings submit --out ./handed-in`');
  const s = bundle.results.summary;
  if (inv.json) printJson({ file, student, summary: s, pushed: bundle.pushed, digest: bundle.manifest.digest });
  else {
    process.stdout.write(
      `${mark(FINDING.ok)} Wrote ${file}\n` +
        `  ${s.pass}/${s.total} passed; ${bundle.pushed.length} image(s) pushed for verification; ${bundle.files.length} file(s).\n`,
    );
    if (workshop && !workshop.registry)
      process.stdout.write(
        paint('dim', '  The workshop names no class registry, so nothing was pushed: every result is self-reported.\n'),
      );
    const unjudged = bundle.results.results.find((r) => r.outcome === 'error' && s.error === s.total);
    if (unjudged)
      process.stdout.write(
        `  Nothing could be judged: ${unjudged.message}\n` +
          `  ${unjudged.tryNext ?? ''} Then run \`containerlings submit\` again before you hand it in.\n`,
      );
    else process.stdout.write('  Hand this file to your instructor.\n');
  }
  return exitCodeOf(s);
}
