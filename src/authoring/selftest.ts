// The self-test: for every exercise, the starter must fail, the solution must pass, every wrong attempt must
// fail, and nothing labelled may be left behind afterwards. With `mutants`, the solution and its mutants instead.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { CancelledError, UserError } from '../errors.js';
import type { Exercise } from '../lessons/course.js';
import type { Resources } from '../lessons/schema.js';
import { ATTEMPT_SCRIPT, copyFiles } from '../progress/workspace.js';
import { danglingImages, listLabelled, removeDeclared, removeLabelled, removeNewDangling } from '../sandbox/cleanup.js';
import type { Engine } from '../sandbox/engine/connection.js';
import { runScript, scriptEnv } from '../sandbox/script.js';
import { baselineFrom, imageSnapshot } from '../checks/kit/image-baseline.js';
import { runCheck } from '../checks/runner.js';
import type { Evidence, Outcome } from '../checks/kit/api.js';
import { MUTANT_PREFIX, mutantAttempts, mutantsOk, tallyMutants, type MutantTally } from './mutants.js';

export interface AttemptReport {
  readonly exercise: string;
  readonly attempt: string;
  readonly expected: 'pass' | 'fail';
  readonly outcome: Outcome;
  readonly ok: boolean;
  readonly message: string;
  /** The mistake the check named, and (for a wrong attempt that declares one) the one it had to name. */
  readonly diagnosis?: string;
  readonly expectedDiagnosis?: string;
  /** What the check saw (sizes, digests, ...), so a report can show the numbers behind a verdict. */
  readonly evidence?: Evidence;
  readonly seconds: number;
  /** Output of the attempt's commands when they failed (a broken attempt, not a check verdict). */
  readonly commandOutput?: string;
}

export interface SelftestReport {
  readonly ok: boolean;
  readonly attempts: readonly AttemptReport[];
  readonly leftovers: {
    readonly containers: number;
    readonly images: number;
    readonly networks: number;
    readonly volumes: number;
  };
  /** With `mutants`: the mutant test's figures, per exercise. */
  readonly mutants?: readonly MutantTally[];
}

export interface SelftestOptions {
  /** Run the solution and at most this many of its mutants (each must fail), instead of the usual attempts. */
  readonly mutants?: number;
  /**
   * Leave the build stages the attempts leave, for the caller to remove once nothing else builds: a parallel run
   * (selftest-schedule.ts) would otherwise remove a stage that another exercise's build is still making.
   */
  readonly keepStages?: boolean;
}

export interface Attempt {
  readonly name: string;
  readonly files?: string;
  readonly script?: string;
  readonly expected: 'pass' | 'fail';
  readonly diagnosis?: string;
  /** What to remove after it, when more than the exercise declares (a mutant's renamed container or image). */
  readonly resources?: Resources;
}

export function attemptsOf(exercise: Exercise): Attempt[] {
  const script = (dir: string) => (existsSync(join(dir, ATTEMPT_SCRIPT)) ? join(dir, ATTEMPT_SCRIPT) : undefined);
  const solutionScript = script(exercise.solution);
  return [
    { name: 'starter', script: script(exercise.starter), expected: 'fail' },
    { name: 'solution', files: exercise.solution, script: solutionScript, expected: 'pass' },
    ...exercise.wrong.map((w) => ({
      name: `wrong/${w.name}`,
      files: w.dir,
      script: script(w.dir) ?? solutionScript,
      expected: 'fail' as const,
      ...(exercise.meta.wrongAttempts[w.name] ? { diagnosis: exercise.meta.wrongAttempts[w.name] } : {}),
    })),
  ];
}

export async function selftest(
  engine: Engine,
  exercises: readonly Exercise[],
  onAttempt: (report: AttemptReport) => void = () => {},
  signal?: AbortSignal,
  /** Whose label the attempts' throw-away resources carry; parallel runs (selftest-schedule.ts) each use their own. */
  workspaceId = `ws-selftest${process.pid}`,
  options: SelftestOptions = {},
): Promise<SelftestReport> {
  const root = await mkdtemp(join(tmpdir(), 'containerlings-selftest-'));
  const attempts: AttemptReport[] = [];
  let current: Exercise | undefined;
  const equivalents = new Map<string, string[]>();
  // Exercises that push to a registry need the sandbox registry and ECR endpoint running first.
  if (exercises.some((e) => e.meta.resources.repositories.length > 0))
    await (await import('../sandbox/services/services.js')).ensureServices();
  try {
    for (const exercise of exercises) {
      let list: Attempt[] = attemptsOf(exercise);
      if (options.mutants !== undefined) {
        const made = await mutantAttempts(exercise, join(root, `${exercise.id}.mutants`), options.mutants);
        equivalents.set(exercise.id, made.equivalent);
        list = [...list.filter((a) => a.name === 'solution'), ...made.attempts];
      }
      for (const attempt of list) {
        // A mutant means something only next to a solution that passes.
        const mutant = attempt.name.startsWith(MUTANT_PREFIX);
        if (mutant && attempts.at(-1)?.attempt === 'solution' && !attempts.at(-1)!.ok) break;
        const began = Date.now();
        current = exercise;
        const dir = join(
          root,
          exercise.id,
          mutant ? `mutant-${basename(attempt.files!)}` : attempt.name.replace('/', '-'),
        );
        // A resource that cannot be removed (something else uses it) would make the verdict meaningless.
        const before = await removeDeclared(engine, exercise.meta.resources);
        if (before.kept.length > 0)
          throw new UserError(
            `The self-test cannot start ${exercise.id} from a clean engine: could not remove ${before.kept.join('; ')}.`,
            'Is another self-test or benchmark running on this engine? Wait for it, then try again.',
            'engine',
          );
        const dangling = await danglingImages(engine);
        await copyFiles(exercise.starter, dir);
        if (attempt.files) await copyFiles(attempt.files, dir);
        const env = scriptEnv(workspaceId);
        const prepared = exercise.setup
          ? await runScript(exercise.setup, dir, exercise.meta.timeouts.attempt, signal, env)
          : { code: 0, output: '' };
        if (prepared.code !== 0)
          throw new UserError(
            `The setup of ${exercise.id} failed (exit ${prepared.code}):\n${prepared.output.slice(-2000)}`,
            'Fix its setup.sh, or the engine it needs.',
            'content',
          );
        const startedAt = new Date();
        const baseline = baselineFrom(await imageSnapshot(engine), exercise.meta.resources.images);
        let report: AttemptReport;
        const ran = attempt.script
          ? await runScript(attempt.script, dir, exercise.meta.timeouts.attempt, signal, env)
          : { code: 0, output: '' };
        if (signal?.aborted) throw new CancelledError();
        if (ran.code !== 0 && attempt.expected === 'pass') {
          report = {
            exercise: exercise.id,
            attempt: attempt.name,
            expected: attempt.expected,
            outcome: 'error',
            ok: false,
            message: `its commands failed (exit ${ran.code})`,
            seconds: 0,
            commandOutput: ran.output.slice(-2000),
          };
        } else {
          const result = await runCheck(exercise, { engine, workspaceId, dir, startedAt, baseline, signal });
          // A wrong attempt must fail for its own reason: the mistake it declares, not any other.
          const rightMistake = !attempt.diagnosis || result.diagnosis === attempt.diagnosis;
          report = {
            exercise: exercise.id,
            attempt: attempt.name,
            expected: attempt.expected,
            outcome: result.outcome,
            ok: result.outcome === attempt.expected && rightMistake,
            message:
              result.outcome === 'fail' && !rightMistake
                ? `failed for another reason: diagnosed ${result.diagnosis ?? 'nothing named'}, ` +
                  `expected ${attempt.diagnosis}: ${result.message}`
                : result.message,
            ...(result.diagnosis ? { diagnosis: result.diagnosis } : {}),
            ...(attempt.diagnosis ? { expectedDiagnosis: attempt.diagnosis } : {}),
            evidence: result.evidence,
            seconds: 0,
          };
        }
        await removeDeclared(engine, attempt.resources ?? exercise.meta.resources);
        // The attempt's build stages are the self-test's own, not the learner's: without this, each multi-stage
        // attempt left about 325 MB of untagged images on the classic builder.
        if (!options.keepStages) await removeNewDangling(engine, dangling, began);
        report = { ...report, seconds: Math.round((Date.now() - began) / 100) / 10 };
        attempts.push(report);
        onAttempt(report);
      }
    }
  } finally {
    // Also after a cancel or a crash mid-attempt: what the attempt's commands created is declared.
    if (current) await removeDeclared(engine, current.meta.resources).catch(() => undefined);
    await removeLabelled(engine, workspaceId).catch(() => undefined);
    await rm(root, { recursive: true, force: true });
  }
  const left = await listLabelled(engine, workspaceId);
  const leftovers = {
    containers: left.containers.length,
    images: left.images.length,
    networks: left.networks.length,
    volumes: left.volumes.length,
  };
  const clean = Object.values(leftovers).every((n) => n === 0);
  if (options.mutants === undefined) return { ok: clean && attempts.every((a) => a.ok), attempts, leftovers };
  // A surviving mutant is not a broken self-test: the tally says whether the checks hold.
  const mutants = exercises.map((e) => tallyMutants(e.id, equivalents.get(e.id) ?? [], attempts));
  return { ok: clean && mutantsOk(mutants), attempts, leftovers, mutants };
}
