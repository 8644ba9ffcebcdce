// The course on a remote engine (DOCKER_HOST=tcp://...), whose 127.0.0.1 and files are not this machine's:
// scripts/engines/remote.sh up makes one here and .ci/run sets CONTAINERLINGS_TEST_REMOTE_HOST to it. Checks that
// reach published ports go from the engine's side; no verdict may be wrong because the engine is remote.
// The self-tests here build under BuildKit, as learners' remote engines (Docker Desktop, contexts over ssh) mostly
// do: the legacy builder is proven on this machine's engine, and BuildKit on both (engine-buildkit.test.ts). The
// mutants of the exercises proven here run here too, and not on this machine's engine (mutants-course.test.ts).
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildkitEnv, buildkitMissing } from '../support/buildkit.js';
import { ROOT, runCli } from '../support/cli.js';
import { mutantsAsRecorded } from '../support/mutant-record.js';
import { mutantsOnRemote, REMOTE_CLAIMED, REMOTE_HOST, REMOTE_SKIPS, remoteRuns } from '../support/remote.js';
import { ensureImage, loadCatalog } from '../../src/sandbox/images/catalog.js';
import { connect, type Engine } from '../../src/sandbox/engine/connection.js';
import { probeSharedFiles } from '../../src/sandbox/engine/probes.js';
import { getOnEngineLoopback, probeLoopback } from '../../src/sandbox/engine/reach.js';
import { httpGet } from '../../src/sandbox/engine/http.js';

const HOST = REMOTE_HOST;
const REQUIRED = remoteRuns();
const LABEL = 'io.containerlings.sandbox';
const WORKSPACE = 'engine-remote-test';

/** Registries, ECR and continuous delivery need the sandbox registry on this machine's 127.0.0.1: stated skips. */
const UNAVAILABLE = [
  'push-to-registry',
  'pull-by-digest',
  'promote-tag',
  'ecr-push',
  'ecr-immutable',
  'ecr-lifecycle',
  'cd-commit-tag',
  'cd-lint-gate',
  'cd-promote-digest',
];

const env = buildkitEnv({
  ...process.env,
  DOCKER_HOST: HOST,
  CONTAINERLINGS_OFFLINE: '1',
  CONTAINERLINGS_SANDBOX_DIR: '/tmp/containerlings-remote-test-sandbox',
});
const onRemote = (...args: string[]) =>
  execFileSync('docker', args, { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: HOST } }).trim();
const labelled = () => onRemote('ps', '-aq', '--filter', `label=${LABEL}`).split('\n').filter(Boolean);
const timings: string[] = [];

if (!HOST) {
  describe('remote engine', () => {
    if (REQUIRED)
      it('has an engine to run on', () =>
        expect.fail(
          'CONTAINERLINGS_TEST_ENGINES includes remote, but CONTAINERLINGS_TEST_REMOTE_HOST is not set: ' +
            'run scripts/engines/remote.sh up and set it to the DOCKER_HOST it prints.',
        ));
    else
      it.skip('skipped: no remote engine (set CONTAINERLINGS_TEST_REMOTE_HOST, e.g. from scripts/engines/remote.sh up)', () => {});
  });
} else {
  let engine: Engine;
  async function remoteEngine(): Promise<Engine> {
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = HOST;
    try {
      return await connect();
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
  }

  afterAll(() => {
    if (timings.length)
      console.log(`selftest on the remote engine (${HOST}), wall time per lesson:\n${timings.join('\n')}`);
  });

  describe('remote engine: reaching its loopback', () => {
    it('the probe finds that its 127.0.0.1 is not ours, and that its files are not ours either', async () => {
      engine = await remoteEngine();
      await engine.docker.ping();
      // The probes run the base image: on a fresh engine it is built here first (offline recipe).
      await ensureImage(engine, await loadCatalog(ROOT), 'base/busybox');
      const probe = await probeLoopback(engine, WORKSPACE);
      expect(probe, probe.detail).toMatchObject({ loopback: 'unreachable', viaEngine: true });
      const files = await probeSharedFiles(engine, WORKSPACE, '/tmp');
      expect(files.shared, files.detail).toBe(false);
      expect(labelled()).toEqual([]);
    });

    it('kit.http answers from the engine side with the same status, body and retry as from here', async () => {
      // The server starts 2 s late: the request must wait for it, as the direct path does.
      const id = onRemote(
        'run',
        '-d',
        '--label',
        `${LABEL}=${WORKSPACE}`,
        '-p',
        '127.0.0.1::8080',
        'containerlings/busybox',
        'sh',
        '-c',
        'mkdir /w && echo hello > /w/index.html && sleep 2 && exec httpd -f -p 8080 -h /w',
      );
      try {
        const port = onRemote('port', id, '8080').split(':').pop()!;
        const url = `http://127.0.0.1:${port}`;
        const signal = AbortSignal.timeout(60_000);
        expect((await httpGet(`${url}/`, signal, 500)).status).toBe(0); // not ours: nothing answers here
        expect(await getOnEngineLoopback(engine, WORKSPACE, `${url}/`, signal)).toEqual({
          status: 200,
          body: 'hello\n',
        });
        expect((await getOnEngineLoopback(engine, WORKSPACE, `${url}/missing`, signal)).status).toBe(404);
        onRemote('rm', '-f', id);
        // The same port, now closed: nothing answers, within the retry window.
        const down = await getOnEngineLoopback(engine, WORKSPACE, `${url}/`, signal);
        expect(down.status).toBe(0);
        expect(down.body).toMatch(/^no answer: /);
        await expect(getOnEngineLoopback(engine, WORKSPACE, 'http://192.0.2.1/', signal)).rejects.toThrow(
          /only send requests to loopback/,
        );
      } finally {
        spawnSync('docker', ['rm', '-f', id], { env: { ...process.env, DOCKER_HOST: HOST }, stdio: 'ignore' }); // gone already, normally
      }
      expect(labelled()).toEqual([]);
    }, 120_000);

    it('the registry lessons and run-flags are stated skips, with the reason, and the self-test stays green', async () => {
      const { code, stdout, stderr } = await runCli(['selftest', '--json', 'run-flags', ...UNAVAILABLE], {
        env,
        timeoutMs: 300_000,
      });
      const report = JSON.parse(stdout);
      expect(report.attempts, stderr).toEqual([]);
      const skipped = new Map(report.skipped.map((s: { exercise: string; reason: string }) => [s.exercise, s.reason]));
      expect([...skipped.keys()].sort()).toEqual(['run-flags', ...UNAVAILABLE].sort());
      expect(skipped.get('run-flags')).toMatch(
        /bind-mounts a folder of your workspace, and Docker Engine runs on another machine/,
      );
      expect(skipped.get('ecr-push')).toMatch(/127\.0\.0\.1, and Docker Engine runs on another machine/);
      expect(report.profile).toMatchObject({
        remote: true,
        loopback: 'unreachable',
        ourLoopback: 'unreachable',
        hostFiles: 'unshared',
      });
      expect(code).toBe(0);
      expect(labelled()).toEqual([]);
    }, 300_000);
  });

  describe('remote engine: the lessons the README claims', () => {
    const began = Date.now();
    it('has a docker client that builds with BuildKit', () => expect(buildkitMissing()).toBeUndefined());

    for (const [lesson, exercises] of Object.entries(REMOTE_CLAIMED)) {
      it(`${lesson}: every starter fails, every solution passes, every wrong attempt fails, nothing left`, async () => {
        const started = Date.now();
        const { stdout, stderr } = await runCli(['selftest', '--json', ...exercises], { env, timeoutMs: 1_200_000 });
        timings.push(`  ${lesson}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
        const report = JSON.parse(stdout);
        const bad = report.attempts
          .filter((a: { ok: boolean }) => !a.ok)
          .map(
            (a: { exercise: string; attempt: string; outcome: string; message: string }) =>
              `${a.exercise} ${a.attempt}: ${a.outcome} ${a.message}`,
          );
        expect(bad, stderr).toEqual([]);
        expect(report.leftovers).toEqual({ containers: 0, images: 0, networks: 0, volumes: 0 });
        // Exactly the exercises that bind-mount a workspace folder are stated skips, with the reason.
        const skipped = (report.skipped ?? []) as { exercise: string; reason: string }[];
        expect(skipped.map((s) => s.exercise).sort()).toEqual(
          exercises.filter((id) => REMOTE_SKIPS.includes(id)).sort(),
        );
        for (const s of skipped) expect(s.reason).toMatch(/bind-mounts a folder of your workspace/);
        for (const id of exercises) {
          if (REMOTE_SKIPS.includes(id)) continue;
          const names = report.attempts
            .filter((a: { exercise: string }) => a.exercise === id)
            .map((a: { attempt: string }) => a.attempt);
          const wrong = readdirSync(join(ROOT, 'exercises', id, 'wrong')).map((w) => `wrong/${w}`);
          expect(names.sort()).toEqual(['solution', 'starter', ...wrong].sort());
        }
        expect(labelled()).toEqual([]);
      }, 1_200_000);
    }

    it('every mutant of those exercises, and of swarm and ECS, fails its check, as mutants.json records', async () => {
      const started = Date.now();
      await mutantsAsRecorded(mutantsOnRemote(), env);
      timings.push(`  mutants: ${((Date.now() - started) / 1000).toFixed(0)} s`);
      expect(labelled()).toEqual([]);
    }, 1_800_000);

    it('the builds went through BuildKit: its build cache on the remote engine was used during the run', async () => {
      const df = (await (await remoteEngine()).docker.df()) as { BuildCache?: { LastUsedAt?: string }[] };
      expect((df.BuildCache ?? []).some((r) => r.LastUsedAt && Date.parse(r.LastUsedAt) >= began)).toBe(true);
    });
  });
}
