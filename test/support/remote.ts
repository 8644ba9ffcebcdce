// What CI proves on the remote engine (test/integration/engine-remote.test.ts), shared with the BuildKit test: that
// run is under BuildKit, so the exercises that build and are proven there need not be built again under BuildKit on
// this machine's engine (test/integration/engine-buildkit.test.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { claimedEngines } from './buildkit.js';
import { ROOT } from './cli.js';

export const REMOTE_HOST = process.env.CONTAINERLINGS_TEST_REMOTE_HOST;
/** Whether the remote engine's test runs (and must pass) in this run. */
export const remoteRuns = () => Boolean(REMOTE_HOST) || claimedEngines().includes('remote');

/**
 * The lessons proven on a remote engine (README: "Engines"), with their exercises. Swarm, ECS and networks also pass
 * there (measured by hand: 7, 3 and about 5 minutes) but are left to the local engines in CI, for time (networks
 * needs the nettools image, a 4-minute debootstrap on a fresh engine).
 */
export const REMOTE_CLAIMED: Record<string, readonly string[]> = {
  'dockerfiles-and-images': ['first-image', 'layers', 'run-flags', 'adder'],
  namespaces: ['ns-share-drop', 'ns-pid-one', 'ns-hostname'],
  cgroups: ['cg-limits', 'cg-oom', 'cg-fork-bomb'],
  'lean-images': ['lean-dockerignore', 'lean-cache-order', 'lean-nonroot-healthcheck'],
  distroless: ['distroless-greeter', 'static-scratch', 'debug-distroless'],
  compose: ['compose-app', 'compose-config', 'compose-scale'],
  storage: ['storage-kinds', 'storage-permissions', 'storage-backup'],
};

/**
 * Exercises of those lessons that are stated skips on a remote engine: each bind-mounts a folder of the workspace,
 * which an engine on another machine cannot see (its check would say `error`, never `fail`). The remote test
 * asserts that exactly these are skipped, so this list cannot go stale.
 */
export const REMOTE_SKIPS: readonly string[] = ['run-flags', 'compose-config', 'storage-kinds', 'storage-permissions'];

/** The exercises whose every attempt the remote run proves. */
export const provenOnRemote = (): string[] =>
  Object.values(REMOTE_CLAIMED)
    .flat()
    .filter((id) => !REMOTE_SKIPS.includes(id));

/**
 * The exercises whose mutants the remote run proves (engine-remote.test.ts): its own, and the swarm and ECS lessons,
 * which pass there too and whose mutants take long (a rolling update waits on health checks). Spread so, the
 * mutants add about as much to the remote engine's lane as to this machine's (mutants-course.test.ts).
 */
export const mutantsOnRemote = (): string[] => [
  ...provenOnRemote(),
  ...REMOTE_MUTANT_LESSONS.flatMap((lesson) => exercisesOfLesson(lesson)),
];
const REMOTE_MUTANT_LESSONS = ['swarm', 'ecs-task-definitions'];
const exercisesOfLesson = (lesson: string) =>
  readdirSync(join(ROOT, 'exercises')).filter(
    (id) => /^lesson: *(\S+)/m.exec(readFileSync(join(ROOT, 'exercises', id, 'exercise.yaml'), 'utf8'))?.[1] === lesson,
  );
