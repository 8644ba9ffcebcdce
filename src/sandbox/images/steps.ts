// `sandbox up` as a list of steps (each base image, then services such as the local registry), run in order
// with progress. A step that finds its work done returns at once, so a second `up` costs only inspections.
import { ensureImage, loadCatalog } from './catalog.js';
import type { Engine } from '../engine/connection.js';

export interface StepOutcome {
  /** present | pulled | built | started | running ... : what the step found or did. */
  readonly status: string;
  /** Extra facts for --json and the summary line (addresses, tags...). */
  readonly detail?: Readonly<Record<string, string>>;
}

export interface SandboxStep {
  readonly name: string;
  run(report: (line: string) => void, signal?: AbortSignal): Promise<StepOutcome>;
}

export interface StepReport extends StepOutcome {
  readonly name: string;
  readonly seconds: number;
}

/** One step per catalog image (all of them, or the ones named). */
export async function imageSteps(engine: Engine, root: string, names?: readonly string[]): Promise<SandboxStep[]> {
  const catalog = await loadCatalog(root);
  return (names?.length ? names : Object.keys(catalog)).map((name) => ({
    name,
    run: async (report) => ({
      status: await ensureImage(engine, catalog, name, report),
      detail: { tag: catalog[name]?.tag ?? '' },
    }),
  }));
}

/** Runs the steps in order; `onStep` hears each one as it starts (done undefined) and ends. Stops at the first error. */
export async function runSteps(
  steps: readonly SandboxStep[],
  onStep: (index: number, step: SandboxStep, done?: StepReport) => void,
  report: (line: string) => void,
  signal?: AbortSignal,
): Promise<StepReport[]> {
  const out: StepReport[] = [];
  for (const [index, step] of steps.entries()) {
    if (signal?.aborted) break;
    onStep(index, step);
    const began = Date.now();
    const outcome = await step.run(report, signal);
    const done = { name: step.name, ...outcome, seconds: Math.round((Date.now() - began) / 100) / 10 };
    out.push(done);
    onStep(index, step, done);
  }
  return out;
}
