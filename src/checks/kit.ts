// Builds the CheckKit an exercise's check receives, bound to one engine, workspace and exercise.
import { insideDir, readTextIfExists } from './files.js';
import { UserError } from '../errors.js';
import { containerLogs, execIn, runThrowaway } from '../sandbox/containers.js';
import type { Engine } from '../sandbox/engine.js';
import { CGROUP_READ_SCRIPT, cgroupLimitsFrom, parseListing } from './cgroups.js';
import { parseDockerfile } from './dockerfile.js';
import { parseProcessList, PROCESS_LIST_SCRIPT } from './processes.js';
import { containerFacts, imageFacts } from './facts.js';
import { CLOCK_SLACK_MS, newBecause, type ImageBaseline } from './image-baseline.js';
import { orchestrationKit } from './orchestration-kit.js';
import { registryKit } from './registry-kit.js';
import { leanKit } from './lean-kit.js';
import { pipelineKit } from './pipeline-kit.js';
import type { CheckKit, CheckResult, Evidence, HttpResponse } from './types.js';

export interface KitContext {
  readonly engine: Engine;
  readonly workspaceId: string;
  readonly dir: string;
  readonly startedAt: Date;
  /** The declared image names' ids at the start; undefined for a progress file written before baselines. */
  readonly baseline?: ImageBaseline;
  readonly signal: AbortSignal;
}

export function createKit(ctx: KitContext): CheckKit {
  const inside = (file: string) => insideDir(ctx.dir, file);
  return {
    dir: ctx.dir,
    startedAt: ctx.startedAt,
    signal: ctx.signal,
    image: (ref) => imageFacts(ctx.engine, ref),
    container: (name) => containerFacts(ctx.engine, name),
    run: (image, options) => runThrowaway(ctx.engine, ctx.workspaceId, image, options, ctx.signal),
    exec: (name, cmd) => execIn(ctx.engine, name, cmd),
    cgroup: async (name) => {
      const read = await execIn(ctx.engine, name, ['sh', '-c', CGROUP_READ_SCRIPT]);
      return read.exitCode === 0 ? cgroupLimitsFrom(parseListing(read.stdout)) : undefined;
    },
    processes: async (name) => parseProcessList((await execIn(ctx.engine, name, ['sh', '-c', PROCESS_LIST_SCRIPT])).stdout),
    logs: (name, tail) => containerLogs(ctx.engine, name, tail),
    ...orchestrationKit(ctx),
    ...registryKit(),
    ...leanKit(ctx),
    ...pipelineKit(ctx),
    http: (url) => httpGet(url, ctx.signal),
    dockerfile: (file = 'Dockerfile') => parseDockerfile(inside(file)),
    readFile: (file) => readTextIfExists(inside(file)),
    since: (date) => date.getTime() + CLOCK_SLACK_MS >= ctx.startedAt.getTime(),
    isNew: (image) => newBecause(image, ctx.startedAt, ctx.baseline) !== undefined,
    pass: (message, evidence = {}) => ({ outcome: 'pass', message, evidence }),
    fail: (message, tryNext, evidence = {}) => ({ outcome: 'fail', message, tryNext, evidence }),
  };
}

function isLoopback(host: string): boolean {
  return /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]' || host === '::1' || host === 'localhost';
}

/** GET on loopback only, retrying for a few seconds while a freshly started service comes up. */
export async function httpGet(url: string, signal: AbortSignal, retryForMs = 5000): Promise<HttpResponse> {
  const target = new URL(url);
  if (!isLoopback(target.hostname)) throw new Error(`checks may only send requests to loopback, not ${target.hostname}`);
  const deadline = Date.now() + retryForMs;
  for (;;) {
    try {
      const response = await fetch(target, { signal: AbortSignal.any([signal, AbortSignal.timeout(5000)]) });
      return { status: response.status, body: await response.text() };
    } catch (e) {
      if (signal.aborted || Date.now() > deadline) {
        if (signal.aborted) throw e;
        return { status: 0, body: `no answer: ${(e as Error & { cause?: Error }).cause?.message ?? (e as Error).message}` };
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export function errorResult(e: unknown): CheckResult {
  const evidence: Evidence = {};
  if (e instanceof UserError) return { outcome: 'error', message: e.message, tryNext: e.next, evidence };
  return { outcome: 'error', message: `The check itself failed: ${(e as Error)?.message ?? String(e)}`, evidence };
}
