// `containerlings verify DIR`: re-check, on this engine, every image the bundles in DIR pushed to the class
// registry, and write DIR/verification.json for `containerlings report`. Exit 1 when a re-check contradicts a bundle.
import { join, resolve } from 'node:path';
import { loadBundles } from '../../../grading/report-model.js';
import { VERIFICATION_FILE, type VerificationRecord, type VerifiedResult } from '../../../grading/verification.js';
import { verifyBundle } from '../../../grading/verify.js';
import { connect, ensureDocker } from '../../../sandbox/engine/connection.js';
import { VERSION } from '../../../version.js';
import { requireBundleFolder, type Invocation } from '../../args.js';
import { writeOutputFile } from '../../output-file.js';
import { EXIT, outcomeLabel, paint, printJson } from '../../output.js';
import { courseInUse } from '../../workshop-context.js';

export default async function verify(inv: Invocation, signal: AbortSignal): Promise<number> {
  const dir = requireBundleFolder(inv, 'containerlings verify ./bundles --workshop workshop.yaml');
  const { course, workshop } = await courseInUse(inv);
  const registry = inv.registry ?? workshop?.registry;
  // Re-checking needs this engine: without one, say so (exit 2) rather than write a record of nothing checked.
  const engine = await connect().then(ensureDocker);
  const { bundles, unreadable } = await loadBundles(resolve(dir));
  const say = (line: string) => !inv.json && process.stderr.write(paint('dim', line) + '\n');
  // A file that is not a valid bundle is not re-checked; `report` flags it in the student's row.
  const skipped = unreadable.filter((u) => u.file !== VERIFICATION_FILE);
  for (const u of skipped) say(`Skipped ${u.file}: ${u.reason}.`);
  if (!registry)
    say(
      'No class registry given (--registry or the workshop file): images are pulled from wherever each bundle says it pushed them.',
    );
  const results: VerifiedResult[] = [];
  for (const { bundle } of bundles)
    results.push(...(await verifyBundle(engine, course, bundle, registry, say, signal)));
  const record: VerificationRecord = {
    format: 'containerlings-verification',
    version: 1,
    containerlings: VERSION,
    engine: engine.endpoint,
    results,
  };
  await writeOutputFile(
    join(resolve(dir), VERIFICATION_FILE),
    JSON.stringify(record, null, 2) + '\n',
    'copy the bundles to a folder of your own and verify that',
  );
  const contradicted = results.filter((v) => {
    const claimed = bundles
      .find((b) => b.bundle.manifest.digest === v.bundleDigest)
      ?.bundle.results.results.find((r) => r.exercise === v.exercise);
    return v.problems.length > 0 || claimed?.outcome !== v.outcome;
  });
  if (inv.json) printJson({ ...record, contradicted: contradicted.length, skipped });
  else {
    for (const v of results)
      process.stdout.write(
        `${outcomeLabel(v.outcome)}  ${v.student.padEnd(16)} ${v.exercise.padEnd(20)} ` +
          `${v.problems.length ? paint('red', v.problems.join('; ')) : v.message}\n`,
      );
    process.stdout.write(
      `\n${results.length} image(s) re-checked, ${contradicted.length} contradict their bundle. ` +
        `Written to ${join(resolve(dir), VERIFICATION_FILE)}; \`containerlings report ${dir}\` uses it.\n`,
    );
  }
  return contradicted.length ? EXIT.fail : EXIT.pass;
}
