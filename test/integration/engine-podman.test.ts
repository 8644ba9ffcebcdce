// The course on Podman's Docker-compatible API: doctor sees Podman, and the self-test of every lesson we claim on
// it gives no wrong verdict and leaves nothing labelled; the lessons Podman cannot run are stated skips.
// The engine: CONTAINERLINGS_TEST_PODMAN_HOST (scripts/engines/podman.sh up prints it; .ci/run sets it).
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../support/cli.js';

const host = process.env.CONTAINERLINGS_TEST_PODMAN_HOST;
const required = (process.env.CONTAINERLINGS_TEST_ENGINES ?? '')
  .split(',')
  .map((e) => e.trim())
  .includes('podman');

/** Lessons whose every verdict is proven on Podman 4.3, and the lessons it cannot run (stated skips). */
const CLAIMED = ['dockerfiles-and-images', 'namespaces', 'cgroups', 'lean-images', 'distroless', 'networks'];
// Exercises of a claimed lesson that Podman 4.3 cannot run, stated skips with the reason: it records the host port
// it picks as if the container had asked for it, so "a port the engine chooses" cannot be told from a fixed one.
const UNAVAILABLE_EXERCISES: Record<string, RegExp> = {
  'net-publish': /records the host port it picked/,
};
// Swarm and ECS: Podman has no swarm mode. Registries, ECR, continuous delivery: Podman pushes to the sandbox
// registry on 127.0.0.1 only over HTTPS unless registries.conf marks it insecure. Compose is not claimed either:
// its health-gated start needs Podman's health checks, which run from systemd timers (none in CI containers).
const UNAVAILABLE = ['swarm', 'ecs-task-definitions', 'registries', 'ecr', 'continuous-delivery'];

// One sandbox folder of its own (no lesson claimed here starts the registry), removed at the end.
const sandbox = host ? tempDir('containerlings-podman-sandbox-') : '';
afterAll(() => void (sandbox && rmSync(sandbox, { recursive: true, force: true })));
const env = () => ({ DOCKER_HOST: host, CONTAINERLINGS_OFFLINE: '1', CONTAINERLINGS_SANDBOX_DIR: sandbox });

interface Report {
  ok: boolean;
  attempts: { exercise: string; attempt: string; ok: boolean; message: string }[];
  skipped: { exercise: string; lesson: string; reason: string; engine?: string }[];
  leftovers: Record<string, number>;
  profile: { kind: string };
}

/** The lesson's exercises, from each exercise's own metadata. */
const lessonExercises = (lesson: string) =>
  readdirSync(join(ROOT, 'exercises')).filter((id) =>
    new RegExp(`^lesson: ${lesson}$`, 'm').test(readFileSync(join(ROOT, 'exercises', id, 'exercise.yaml'), 'utf8')),
  );

const skipped = !host && !required;
describe.skipIf(skipped)(
  'the course on Podman' +
    (skipped
      ? ' (skipped: CONTAINERLINGS_TEST_PODMAN_HOST is unset and CONTAINERLINGS_TEST_ENGINES does not name podman)'
      : ''),
  () => {
    it('has an engine to test', () => {
      expect(
        host,
        'CONTAINERLINGS_TEST_ENGINES names podman, but CONTAINERLINGS_TEST_PODMAN_HOST is unset: run scripts/engines/podman.sh up',
      ).toBeTruthy();
    });

    it.runIf(host)('doctor --json sees Podman, its builder, and no swarm mode', async () => {
      const { stdout } = await runCli(['doctor', '--json'], { env: env() });
      const report = JSON.parse(stdout);
      expect(report.profile).toMatchObject({ kind: 'podman', name: 'Podman', builder: 'buildah', swarm: false });
      expect(report.findings.find((f: { name: string }) => f.name === 'engine').detail).toMatch(
        /^Podman \d+\.\d+\.\d+ \(API 1\.\d+\)/,
      );
    });

    it.runIf(host)('the swarm, ECS and registry lessons are stated skips, and the self-test stays green', async () => {
      const ids = UNAVAILABLE.flatMap(lessonExercises);
      const { code, stdout } = await runCli(['selftest', '--json', ...ids], { env: env() });
      const report: Report = JSON.parse(stdout);
      expect(report.attempts).toEqual([]);
      expect(report.skipped.map((s) => s.exercise).sort()).toEqual(ids.sort());
      for (const s of report.skipped)
        expect(s).toMatchObject({
          engine: expect.stringMatching(/^Podman /),
          reason: expect.stringMatching(/no swarm mode|only over HTTPS/),
        });
      expect(code).toBe(0);
    });

    for (const lesson of CLAIMED) {
      it.runIf(host)(
        `selftest of ${lesson}: every verdict right, every attempt tried, nothing left`,
        async () => {
          const ids = lessonExercises(lesson);
          const started = Date.now();
          const { code, stdout, stderr } = await runCli(['selftest', '--json', ...ids], {
            env: env(),
            timeoutMs: 1_800_000,
          });
          // The time per lesson on Podman, for the README's numbers.
          console.info(`podman: selftest of ${lesson} took ${Math.round((Date.now() - started) / 1000)} s`);
          const report: Report = JSON.parse(stdout);
          expect(report.profile.kind).toBe('podman');
          expect(
            report.attempts.filter((a) => !a.ok),
            stderr,
          ).toEqual([]);
          const stated = ids.filter((id) => UNAVAILABLE_EXERCISES[id]);
          expect(report.skipped.map((s) => s.exercise).sort()).toEqual(stated.sort());
          for (const s of report.skipped)
            expect(s).toMatchObject({
              engine: expect.stringMatching(/^Podman /),
              reason: expect.stringMatching(UNAVAILABLE_EXERCISES[s.exercise]!),
            });
          for (const id of ids.filter((i) => !UNAVAILABLE_EXERCISES[i])) {
            const wrong = readdirSync(join(ROOT, 'exercises', id, 'wrong')).map((w) => `wrong/${w}`);
            expect(
              report.attempts
                .filter((a) => a.exercise === id)
                .map((a) => a.attempt)
                .sort(),
            ).toEqual(['solution', 'starter', ...wrong].sort());
          }
          expect(report.leftovers).toEqual({ containers: 0, images: 0, networks: 0, volumes: 0 });
          expect(code).toBe(0);
        },
        1_800_000,
      );
    }
  },
);
