// `containerlings report DIR [--csv FILE] [--html FILE] [--json]`: merge the bundles in DIR into the class report.
// Exit 0 when every bundle is clean, 1 when any is flagged (tampered, other check code, contradicted by verify).
import { resolve } from 'node:path';
import { UserError } from '../../../errors.js';
import { checkCodeHash } from '../../../grading/hash.js';
import { buildReport, loadBundles } from '../../../grading/report-model.js';
import { reportHtml } from '../../../grading/report-html.js';
import { reportCsv, reportTable } from '../../../grading/report-text.js';
import { readVerification, VERIFICATION_FILE } from '../../../grading/verification.js';
import { requireBundleFolder, type Invocation } from '../../args.js';
import { writeOutputFile } from '../../output-file.js';
import { EXIT, paint, printJson } from '../../output.js';
import { courseInUse } from '../../workshop-context.js';

export default async function report(inv: Invocation): Promise<number> {
  const dir = requireBundleFolder(inv, 'containerlings report ./bundles --html report.html');
  const { course, workshop } = await courseInUse(inv);
  const [loaded, verification] = await Promise.all([loadBundles(resolve(dir)), readVerification(resolve(dir))]);
  // The workshop's exercises; without a workshop, those of the course that any bundle reports on.
  const handedIn = new Set(loaded.bundles.flatMap((b) => b.bundle.results.results.map((r) => r.exercise)));
  const hashes: Record<string, string> = {};
  for (const exercise of course.exercises)
    if (workshop || handedIn.has(exercise.id)) hashes[exercise.id] = await checkCodeHash(exercise.check);
  if (loaded.bundles.length === 0 && loaded.unreadable.length === 0)
    throw new UserError(
      `No result bundles in ${dir}.`,
      'Students write them with `containerlings submit`; put the *.containerlings-bundle.json files in one folder.',
      'usage',
    );
  const model = buildReport(loaded, hashes, verification);
  const title = workshop ? `${workshop.title}: class report` : 'containerlings class report';
  if (inv.csv)
    await writeOutputFile(resolve(inv.csv), reportCsv(model), `\`containerlings report ${dir} --csv class.csv\``);
  if (inv.html)
    await writeOutputFile(
      resolve(inv.html),
      reportHtml(model, { title, generatedAt: new Date().toISOString() }),
      `\`containerlings report ${dir} --html class.html\``,
    );
  if (inv.json) printJson(model);
  else {
    process.stdout.write(reportTable(model));
    for (const [what, file] of [
      ['CSV', inv.csv],
      ['HTML', inv.html],
    ] as const)
      if (file) process.stdout.write(paint('dim', `${what}: ${resolve(file)}\n`));
    if (!verification) {
      // A verification.json that is there but invalid is flagged above; say it was not used, not that it is missing.
      const invalid = model.unreadable.some((u) => u.file === VERIFICATION_FILE);
      process.stdout.write(
        paint(
          'dim',
          `${invalid ? 'verification.json could not be used (see its flag)' : 'No verification.json here'}: ` +
            'every result is self-reported. `containerlings verify DIR` re-checks pushed images.\n',
        ),
      );
    }
  }
  const flagged = model.students.some((s) => s.flags.length > 0) || model.unreadable.length > 0;
  return flagged ? EXIT.fail : EXIT.pass;
}
