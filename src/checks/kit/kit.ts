// Builds the CheckKit an exercise's check receives, bound to one engine, workspace and exercise.
import { insideDir, readTextIfExists } from './files.js';
import { UserError } from '../../errors.js';
import { containerLogs, execIn, runThrowaway } from '../../sandbox/engine/containers.js';
import type { Engine } from '../../sandbox/engine/connection.js';
import { getOnEngineLoopback } from '../../sandbox/engine/reach.js';
import { CGROUP_READ_SCRIPT, cgroupLimitsFrom, parseListing } from '../../sandbox/engine/cgroups.js';
import { parseDockerfile } from './dockerfile.js';
import { parseProcessList, PROCESS_LIST_SCRIPT } from '../../sandbox/engine/processes.js';
import { containerFacts, imageFacts } from '../../sandbox/engine/facts.js';
import { CLOCK_SLACK_MS, newBecause, type ImageBaseline } from './image-baseline.js';
import { orchestrationKit } from './orchestration.js';
import { registryKit } from './registry.js';
import { leanKit } from './images.js';
import { pipelineKit } from './pipeline.js';
import type { CheckKit, CheckResult, Evidence } from './api.js';

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
    processes: async (name) =>
      parseProcessList((await execIn(ctx.engine, name, ['sh', '-c', PROCESS_LIST_SCRIPT])).stdout),
    logs: (name, tail) => containerLogs(ctx.engine, name, tail),
    oomKills: async (id) => (await import('../../sandbox/engine/oom.js')).oomKills(id),
    ...orchestrationKit(ctx),
    ...registryKit(),
    ...leanKit(ctx),
    ...pipelineKit(ctx),
    http: (url) => getOnEngineLoopback(ctx.engine, ctx.workspaceId, url, ctx.signal),
    dockerfile: (file = 'Dockerfile') => parseDockerfile(inside(file)),
    readFile: (file) => readTextIfExists(inside(file)),
    since: (date) => date.getTime() + CLOCK_SLACK_MS >= ctx.startedAt.getTime(),
    isNew: (image) => newBecause(image, ctx.startedAt, ctx.baseline) !== undefined,
    pass: (message, evidence = {}) => ({ outcome: 'pass', message, evidence }),
    fail: (message, tryNext, evidence = {}) => ({ outcome: 'fail', message, tryNext, evidence }),
  };
}

export function errorResult(e: unknown): CheckResult {
  const evidence: Evidence = {};
  if (e instanceof UserError) return { outcome: 'error', message: e.message, tryNext: e.next, evidence };
  return { outcome: 'error', message: `The check itself failed: ${(e as Error)?.message ?? String(e)}`, evidence };
}
