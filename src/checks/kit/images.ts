// The kit's members for lean images: lint, audit, throw-away builds, image history and container health. Their modules are
// imported on first use, so checks (and commands) that never lint or audit load nothing extra.
import { appendFile, cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insideDir } from './files.js';
import { CancelledError } from '../../errors.js';
import { run } from '../../sandbox/process.js';
import { isNotFound, onEngine, SANDBOX_LABEL } from '../../sandbox/engine/connection.js';
import type { KitContext } from './context.js';
import { engineProfile } from '../../sandbox/engine/profile.js';
import type { BuildResult, HealthFacts, ImagesKit } from './api.js';

export function imagesKit(ctx: KitContext): ImagesKit {
  const inside = (file: string) => insideDir(ctx.dir, file);
  return {
    lint: async (file = 'Dockerfile') => (await import('../lint/lint.js')).lintFile(inside(file)),
    audit: async (image) => (await import('../audit/audit.js')).auditImage(ctx.engine, ctx.workspaceId, image),
    async buildCopy(dir, options, use) {
      const copy = await mkdtemp(join(tmpdir(), 'containerlings-build-'));
      const tag = `containerlings/check-build:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
      try {
        await cp(inside(dir), copy, { recursive: true });
        for (const [file, text] of Object.entries(options.append ?? {})) {
          await appendFile(insideDir(copy, file), text);
        }
        return await use(await dockerBuild(copy, tag, `${SANDBOX_LABEL}=${ctx.workspaceId}`, ctx.signal));
      } finally {
        // By tag and without force: only this tag goes, never an image the learner built (it may be the same id).
        await onEngine(ctx.engine, () => ctx.engine.docker.getImage(tag).remove()).catch((e) => {
          if (!isNotFound(e)) throw e;
        });
        await rm(copy, { recursive: true, force: true });
      }
    },
    health: (container, waitSeconds = 30) => waitForHealth(ctx, container, waitSeconds),
    history: (image) =>
      onEngine(ctx.engine, () => ctx.engine.docker.getImage(image).history()).then(
        (steps: { CreatedBy?: string; Size?: number }[]) =>
          steps.map((s) => ({ createdBy: s.CreatedBy ?? '', sizeBytes: s.Size ?? 0 })),
        (e) => {
          if (isNotFound(e)) return undefined;
          throw e;
        },
      ),
  };
}

const UNITS: Record<string, number> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9 };

/**
 * The context size as the classic builder ("Sending build context to Docker daemon 20.98MB") or BuildKit
 * ("transferring context: 2.1kB") reports it.
 */
export function contextBytes(output: string): number | undefined {
  const sizes = [
    ...output.matchAll(/(?:Sending build context to Docker daemon|transferring context:)\s+([\d.]+)\s*([kKMG]?B)/g),
  ];
  const last = sizes.at(-1);
  return last ? Math.round(Number(last[1]) * UNITS[last[2]]) : undefined;
}

/** `docker build` with the learner's own CLI (so .dockerignore and the builder behave exactly as for them). */
async function dockerBuild(dir: string, tag: string, label: string, signal: AbortSignal): Promise<BuildResult> {
  const iidFile = join(dir, '..', `${tag.replace(/\W/g, '-')}.iid`);
  // --force-rm: the legacy builder otherwise keeps the container of a failed RUN step, unlabelled, for good.
  const ran = await run(['docker', 'build', '--force-rm', '--label', label, '--iidfile', iidFile, '-t', tag, dir], {
    signal,
    timeoutMs: 300_000,
    missing: 'The docker command is not installed, and the check needs it to build a copy of your folder.',
    install: 'Install the Docker CLI, then check again.',
  });
  if (ran.cancelled) throw new CancelledError();
  const result = { code: ran.code === 0 ? 0 : 1, output: ran.output };
  const output = result.output.trimEnd().split('\n').slice(-15).join('\n');
  if (result.code !== 0) return { ok: false, output, contextBytes: contextBytes(result.output) };
  const id = (await readFile(iidFile, 'utf8')).trim();
  await rm(iidFile, { force: true });
  return { ok: true, id, output, contextBytes: contextBytes(result.output) };
}

/**
 * Podman runs health checks from systemd timers, so on a machine without systemd they never run and the health
 * stays "starting". Asking Podman to run the container's own HEALTHCHECK once (what `podman healthcheck run`
 * does) updates the health as a timer would; the learner's probe still decides.
 */
function runPodmanHealthcheck(ctx: KitContext, name: string, version: string): Promise<void> {
  return new Promise((done) => {
    // Podman serves its own API only under a version prefix: its own version.
    const path = `/v${version}/libpod/containers/${encodeURIComponent(name)}/healthcheck?`;
    ctx.engine.docker.modem.dial(
      { path, method: 'GET', options: {}, statusCodes: { 200: true, 404: true, 409: true, 500: true } },
      () => done(),
    );
  });
}

async function waitForHealth(ctx: KitContext, name: string, waitSeconds: number): Promise<HealthFacts> {
  const deadline = Date.now() + waitSeconds * 1000;
  let nextPodmanProbe = Date.now() + 2000;
  for (;;) {
    const facts = await onEngine(ctx.engine, async (): Promise<HealthFacts> => {
      try {
        const state = (await ctx.engine.docker.getContainer(name).inspect()).State as {
          Health?: { Status: string; FailingStreak: number; Log?: { ExitCode: number; Output: string }[] };
        };
        const health = state.Health;
        if (!health) return { status: 'none', failingStreak: 0, lastOutput: '' };
        const last = health.Log?.at(-1);
        return {
          status: health.Status as HealthFacts['status'],
          failingStreak: health.FailingStreak,
          lastOutput: (last?.Output ?? '').trim(),
          lastExitCode: last?.ExitCode,
        };
      } catch (e) {
        if (isNotFound(e)) return { status: 'missing', failingStreak: 0, lastOutput: '' };
        throw e;
      }
    });
    if (facts.status !== 'starting' || Date.now() >= deadline || ctx.signal.aborted) return facts;
    const profile = Date.now() >= nextPodmanProbe ? await engineProfile(ctx.engine) : undefined;
    if (profile?.kind === 'podman') {
      nextPodmanProbe = Date.now() + 2000;
      await runPodmanHealthcheck(ctx, name, profile.version);
    }
    // The engine updates health only when a probe finishes: poll its state, no fixed wait for an answer.
    await new Promise((r) => setTimeout(r, 250));
  }
}
