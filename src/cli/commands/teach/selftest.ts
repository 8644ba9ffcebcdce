// `containerlings selftest [exercise...]`: prove every check against the real engine; with --mutants, against
// single-change mutants of each solution.
import { selftest } from '../../../authoring/selftest.js';
import { okWithSkips, selftestProfile, splitRunnable } from '../../../authoring/selftest-skips.js';
import { findExercise, loadCourse } from '../../../lessons/course.js';
import { connect } from '../../../sandbox/engine/connection.js';
import type { Invocation } from '../../args.js';
import { billingConsentFor } from '../../confirm.js';
import { EXIT, outcomeLabel, paint, printJson } from '../../output.js';
import { onClaimedEngine } from '../../selftest-engine.js';
import {
  changedOnly,
  mutantLine,
  mutantsMax,
  mutantSummary,
  recordFigures,
  recordLines,
} from '../../selftest-mutants.js';
import { mutantTotals } from '../../../authoring/mutants.js';

export default async function selftestCommand(inv: Invocation, signal: AbortSignal): Promise<number> {
  if (inv.workshop) return (await import('./selftest-workshop.js')).default(inv, signal);
  const mutants = mutantsMax(inv);
  const course = await loadCourse();
  const named = inv.positionals.length ? inv.positionals.map((id) => findExercise(course, id)) : course.exercises;
  const chosen = await changedOnly(inv, course.root, named, mutants);
  const engine = await connect();
  // Asked (read-only) before consent only when a chosen lesson needs what some engines lack; an engine that does
  // not answer here applies no engine rule, and the first real step reports it.
  const profile = selftestProfile(engine, course.root);
  const { run: exercises, skipped } = await splitRunnable(course, chosen, profile);
  // Real AWS mode: the attempts' scripts create ECR repositories in the learner's account.
  await billingConsentFor(inv)(exercises);
  const report = await onClaimedEngine(engine, course, exercises, inv.json, () =>
    selftest(
      engine,
      exercises,
      (a) => {
        if (inv.json) return;
        if (mutants !== undefined) return void process.stdout.write(mutantLine(a));
        const verdict = a.ok ? paint('green', 'ok  ') : paint('red', 'BAD ');
        process.stdout.write(
          `${verdict} ${a.exercise.padEnd(20)} ${a.attempt.padEnd(26)} ` +
            `expected ${a.expected}, got ${outcomeLabel(a.outcome)} ${paint('dim', `${a.seconds}s`)}\n`,
        );
        if (!a.ok) process.stdout.write(paint('dim', `     ${a.message}\n${a.commandOutput ?? ''}`));
      },
      signal,
      undefined,
      { mutants },
    ),
  );
  const ok = okWithSkips(report.ok, skipped);
  const recorded = await recordFigures(inv, course.root, exercises, report.mutants, await profile(), mutants);
  if (inv.json)
    printJson({
      ...report,
      ok,
      skipped,
      profile: await profile(),
      ...(inv.changed ? { changed: chosen.map((e) => e.id) } : {}),
      ...(recorded ? { recorded } : {}),
      ...(report.mutants ? { mutantTotals: mutantTotals(report.mutants) } : {}),
    });
  else if (report.mutants) {
    for (const s of skipped) process.stdout.write(`${paint('yellow', 'skip')} ${s.exercise.padEnd(20)} ${s.reason}\n`);
    process.stdout.write(mutantSummary(report.mutants));
    process.stdout.write(recordLines(inv, course.root, chosen, recorded, report.mutants));
  } else {
    for (const s of skipped) process.stdout.write(`${paint('yellow', 'skip')} ${s.exercise.padEnd(20)} ${s.reason}\n`);
    const bad = report.attempts.filter((a) => !a.ok).length;
    const left = Object.entries(report.leftovers)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n} ${k}`);
    process.stdout.write(
      `\n${report.attempts.length} attempts, ${bad} wrong verdicts, ${skipped.length} exercises skipped; ` +
        `labelled resources left: ${left.join(', ') || 'none'}\n`,
    );
  }
  return ok ? EXIT.pass : EXIT.fail;
}
