// `containerlings selftest --workshop FILE`: prove every exercise of a workshop on this machine before the day,
// in parallel where exercises share nothing, with a live progress view and a summary table.
import { attemptCount, defaultJobs, selftestInParallel } from '../../../authoring/selftest-schedule.js';
import { okWithSkips, selftestProfile, splitRunnable } from '../../../authoring/selftest-skips.js';
import { connect } from '../../../sandbox/engine/connection.js';
import type { Invocation } from '../../args.js';
import { billingConsentFor } from '../../confirm.js';
import { EXIT, paint, printJson } from '../../output.js';
import { onClaimedEngine } from '../../selftest-engine.js';
import { SelftestProgress, summaryTable } from '../../selftest-progress.js';
import { courseInUse } from '../../workshop-context.js';

export default async function selftestWorkshop(inv: Invocation, signal: AbortSignal): Promise<number> {
  const { course, workshop } = await courseInUse(inv);
  const engine = await connect();
  // Asked (read-only) before consent only when a chosen lesson needs what some engines lack; an engine that does
  // not answer here applies no engine rule, and the first real step reports it.
  const profile = selftestProfile(engine, course.root);
  const { run: exercises, skipped } = await splitRunnable(course, course.exercises, profile);
  // Real AWS mode: the attempts' scripts create ECR repositories in the learner's account.
  await billingConsentFor(inv)(exercises);
  const jobs = defaultJobs();
  const report = await onClaimedEngine(engine, course, exercises, inv.json, async () => {
    const progress = inv.json ? undefined : new SelftestProgress(attemptCount(exercises), jobs);
    return selftestInParallel(
      engine,
      course,
      exercises,
      jobs,
      {
        onStart: (e) => progress?.start(e.id),
        onAttempt: (a) => progress?.attempt(a),
        onFinish: (e) => progress?.finish(e.id),
      },
      signal,
    ).finally(() => progress?.stop());
  });
  const seconds = Math.round(report.attempts.reduce((t, a) => t + a.seconds, 0) * 10) / 10;
  const ok = okWithSkips(report.ok, skipped);
  if (inv.json) printJson({ workshop: workshop?.title, jobs, ...report, ok, skipped, profile: await profile() });
  else {
    for (const s of skipped) process.stdout.write(`${paint('yellow', 'skip')} ${s.exercise.padEnd(20)} ${s.reason}\n`);
    const bad = report.attempts.filter((a) => !a.ok).length;
    const left = Object.entries(report.leftovers)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n} ${k}`);
    process.stdout.write(
      `\n${summaryTable(report.attempts)}\n` +
        `${workshop?.title ?? 'Course'}: ${report.attempts.length} attempts, ${bad} wrong verdicts, ` +
        `${jobs} at a time (${seconds}s of attempts); labelled resources left: ${left.join(', ') || 'none'}\n`,
    );
  }
  return ok ? EXIT.pass : EXIT.fail;
}
