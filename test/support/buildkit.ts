// Tests that need a Docker client which builds with BuildKit: where it is, or why it is not here.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ROOT } from './cli.js';

/** Debian's docker.io client (20.10): with DOCKER_BUILDKIT=1 it builds through the daemon's BuildKit, no buildx needed. */
export const BUILDKIT_DOCKER = process.env.CONTAINERLINGS_BUILDKIT_DOCKER ?? '/usr/bin/docker';

/** What commands.sh and the learner's shell see: that client first on PATH, and BuildKit on. */
export function buildkitEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const dir = BUILDKIT_DOCKER.slice(0, BUILDKIT_DOCKER.lastIndexOf('/'));
  return { ...env, PATH: `${dir}${delimiter}${env.PATH ?? ''}`, DOCKER_BUILDKIT: '1' };
}

/**
 * Engines the CI run claims to prove (.ci/run sets CONTAINERLINGS_TEST_ENGINES, e.g. "buildkit,podman,remote").
 * vitest sets CI=false inside tests, so this list, not CI, says whether a missing engine is a failure.
 */
export function claimedEngines(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.CONTAINERLINGS_TEST_ENGINES ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
}

/** Why BuildKit builds cannot run here, or undefined when they can. */
export function buildkitMissing(): string | undefined {
  if (!existsSync(BUILDKIT_DOCKER))
    return (
      `no BuildKit-capable docker client at ${BUILDKIT_DOCKER} ` +
      '(Debian: apt-get install docker.io; or set CONTAINERLINGS_BUILDKIT_DOCKER)'
    );
  try {
    // A client that refuses DOCKER_BUILDKIT=1 (a newer one without buildx) fails here, before any test relies on it.
    execFileSync(BUILDKIT_DOCKER, ['build', '--help'], { env: buildkitEnv(), stdio: 'ignore' });
  } catch {
    return `${BUILDKIT_DOCKER} does not build with DOCKER_BUILDKIT=1 (it needs buildx)`;
  }
  return undefined;
}

const BUILDS = /\b(docker|podman) (image )?build\b|\bcompose\b.*\bbuild\b|^\s*build:|^FROM\s/im;

/**
 * The exercises whose attempts build an image: a Dockerfile in any of their folders, or a build in their scripts or
 * Compose files. Only builds differ under BuildKit; every other exercise makes the same engine calls with either
 * builder, and the legacy self-test proves it.
 */
export function exercisesThatBuild(): string[] {
  const builds = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((e) =>
      e.isDirectory()
        ? builds(join(dir, e.name))
        : e.name.startsWith('Dockerfile') || BUILDS.test(readFileSync(join(dir, e.name), 'utf8')),
    );
  return readdirSync(join(ROOT, 'exercises')).filter((id) => builds(join(ROOT, 'exercises', id)));
}
