// The kit's core members: images and containers as the engine sees them, throw-away runs, exec, cgroups,
// processes, logs, loopback HTTP, and the exercise folder's files. The other domains have their own member files.
import type { ContainersKit } from './api.js';
import type { KitContext } from './context.js';
import { insideDir, readTextIfExists, samePlace } from './files.js';
import { parseDockerfile } from './dockerfile.js';
import { parse as parseYaml } from 'yaml';
import { CLOCK_SLACK_MS, newBecause } from './image-baseline.js';
import { containerLogs, execIn, runThrowaway } from '../../sandbox/engine/containers.js';
import { probeSharedFiles } from '../../sandbox/engine/probes.js';
import { getOnEngineLoopback } from '../../sandbox/engine/reach.js';
import { CGROUP_READ_SCRIPT, cgroupLimitsFrom, parseListing } from '../../sandbox/engine/cgroups.js';
import { parseProcessList, PROCESS_LIST_SCRIPT } from '../../sandbox/engine/processes.js';
import { containerFacts, imageFacts, networkFacts } from '../../sandbox/engine/facts.js';

export function containersKit(ctx: KitContext): ContainersKit {
  const inside = (file: string) => insideDir(ctx.dir, file);
  return {
    dir: ctx.dir,
    startedAt: ctx.startedAt,
    signal: ctx.signal,
    image: (ref) => imageFacts(ctx.engine, ref),
    container: (name) => containerFacts(ctx.engine, name),
    network: (name) => networkFacts(ctx.engine, name),
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
    events: async (name) => (await import('../../sandbox/engine/oom.js')).containerEvents(ctx.engine, name),
    http: (url) => getOnEngineLoopback(ctx.engine, ctx.workspaceId, url, ctx.signal),
    dockerfile: (file = 'Dockerfile') => parseDockerfile(inside(file)),
    readFile: (file) => readTextIfExists(inside(file)),
    isExerciseFile: (path, file) => samePlace(path, inside(file)),
    swapLimitSupported: async () => ((await ctx.engine.docker.info()) as { SwapLimit?: boolean }).SwapLimit !== false,
    seesExerciseFolder: async () => (await probeSharedFiles(ctx.engine, ctx.workspaceId, ctx.dir)).shared,
    yaml: async (file) => {
      const text = await readTextIfExists(inside(file));
      return text === undefined ? undefined : parseYaml(text);
    },
    since: (date) => date.getTime() + CLOCK_SLACK_MS >= ctx.startedAt.getTime(),
    isNew: (image) => newBecause(image, ctx.startedAt, ctx.baseline) !== undefined,
    pass: (message, evidence = {}) => ({ outcome: 'pass', message, evidence }),
    fail: (message, tryNext, evidence = {}) => ({ outcome: 'fail', message, tryNext, evidence }),
    diagnose: (diagnosis, message, tryNext, evidence = {}) => ({
      outcome: 'fail',
      message,
      tryNext,
      evidence,
      diagnosis,
    }),
  };
}
