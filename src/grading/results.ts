// The results document: every exercise's outcome with its evidence, duration, the images it judged and the
// hash of the check code, in the versioned format described by schemas/results-v1.schema.json.
import type { Evidence, Outcome } from '../checks/kit/api.js';
import type { Exercise } from '../lessons/course.js';
import { UserError } from '../errors.js';
import { resolveEndpoint, type Engine } from '../sandbox/engine/connection.js';
import { engineProfile, type EngineProfile } from '../sandbox/engine/profile.js';
import type { Tutor } from '../tutor/tutor.js';
import { VERSION } from '../version.js';
import { imageArtifacts, type ImageArtifact } from './artifacts.js';
import { checkCodeHash } from './hash.js';

export const RESULTS_FORMAT = 'containerlings-results';
export const RESULTS_VERSION = 1;

export interface ExerciseResult {
  readonly exercise: string;
  readonly lesson: string;
  readonly title: string;
  readonly outcome: Outcome;
  readonly message: string;
  readonly tryNext?: string;
  /** For a fail: the named mistake the check diagnosed, so an instructor can count which mistakes a class makes. */
  readonly diagnosis?: string;
  /** When the learner started the exercise (its clock for "built after you started"). */
  readonly startedAt?: string;
  readonly checkedAt: string;
  readonly durationMs: number;
  readonly evidence: Evidence;
  /** The exercise's declared images as the engine had them when checked. */
  readonly images: readonly ImageArtifact[];
  /** sha256 of the check.ts that judged this result. */
  readonly checkHash: string;
}

export interface ResultsSummary {
  readonly total: number;
  readonly pass: number;
  readonly fail: number;
  readonly error: number;
}

export interface ResultsDocument {
  readonly format: typeof RESULTS_FORMAT;
  readonly version: typeof RESULTS_VERSION;
  readonly containerlings: string;
  readonly workspaceId: string;
  readonly workshop?: string;
  readonly engine: { readonly endpoint: string; readonly version?: string };
  /** What kind of engine judged the work (Docker Engine, Docker Desktop, Podman), its builder and cgroups. */
  readonly profile?: EngineProfile;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly summary: ResultsSummary;
  readonly results: readonly ExerciseResult[];
}

export function summarise(results: readonly { outcome: Outcome }[]): ResultsSummary {
  const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
  return { total: results.length, pass: count('pass'), fail: count('fail'), error: count('error') };
}

/** 0 all pass, 1 any fail, 2 any error (a broken environment outranks a learner's mistake). */
export function exitCodeOf(summary: ResultsSummary): 0 | 1 | 2 {
  return summary.error > 0 ? 2 : summary.fail > 0 ? 1 : 0;
}

async function profileOf(engine: Engine): Promise<EngineProfile | undefined> {
  try {
    return await engineProfile(engine);
  } catch {
    return undefined;
  }
}

/** The engine, or why it cannot be reached (a wrong address, nothing listening, not Docker). */
async function reachEngine(tutor: Tutor): Promise<{ engine: Engine } | UserError> {
  try {
    return { engine: await tutor.engine() };
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
}

function unjudged(why: UserError): { outcome: Outcome; message: string; tryNext?: string; evidence: Evidence } {
  return { outcome: 'error', message: why.message, ...(why.next ? { tryNext: why.next } : {}), evidence: {} };
}

/** Checks every exercise in turn through the tutor (which records progress) and collects the document. */
export async function gradeAll(
  tutor: Tutor,
  exercises: readonly Exercise[],
  options: { workshop?: string; signal?: AbortSignal; onResult?: (r: ExerciseResult) => void } = {},
): Promise<ResultsDocument> {
  const began = new Date();
  const reached = await reachEngine(tutor);
  const engine = reached instanceof UserError ? undefined : reached.engine;
  const progress = await tutor.progress();
  const results: ExerciseResult[] = [];
  for (const exercise of exercises) {
    const t0 = performance.now();
    // With no engine nothing can be judged: every exercise says why, and progress keeps its last real verdict.
    const result = reached instanceof UserError ? unjudged(reached) : await tutor.check(exercise.id, options.signal);
    const durationMs = Math.round(performance.now() - t0);
    const entry: ExerciseResult = {
      exercise: exercise.id,
      lesson: exercise.meta.lesson,
      title: exercise.meta.title,
      outcome: result.outcome,
      message: result.message,
      ...(result.tryNext ? { tryNext: result.tryNext } : {}),
      ...('diagnosis' in result && result.diagnosis ? { diagnosis: result.diagnosis } : {}),
      ...(progress.exercises[exercise.id] ? { startedAt: progress.exercises[exercise.id].startedAt } : {}),
      checkedAt: new Date().toISOString(),
      durationMs,
      evidence: result.evidence,
      // After an error the engine may be unreachable: there is nothing trustworthy to record then.
      images: !engine || result.outcome === 'error' ? [] : await imageArtifacts(engine, exercise.meta.resources.images),
      checkHash: await checkCodeHash(exercise.check),
    };
    results.push(entry);
    options.onResult?.(entry);
  }
  const finished = new Date();
  const profile = engine ? await profileOf(engine) : undefined;
  const version = profile?.version;
  const endpoint = engine?.endpoint ?? (await resolveEndpoint().catch(() => process.env.DOCKER_HOST ?? 'unknown'));
  return {
    format: RESULTS_FORMAT,
    version: RESULTS_VERSION,
    containerlings: VERSION,
    workspaceId: tutor.workspace.id,
    ...(options.workshop ? { workshop: options.workshop } : {}),
    engine: { endpoint, ...(version ? { version } : {}) },
    ...(profile ? { profile } : {}),
    startedAt: began.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - began.getTime(),
    summary: summarise(results),
    results,
  };
}
