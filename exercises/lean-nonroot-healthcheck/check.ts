// lean-nonroot-healthcheck: cl-lean-svc runs from a version tag (not latest), as a non-root user, the engine's
// own HEALTHCHECK reports it healthy, and that probe really asks the server: run where no server listens, or where a
// server answers every path with 404, it fails.
import type { Check } from 'containerlings/kit';

const CONTAINER = 'cl-lean-svc';
const REPO = 'containerlings/lean-svc';
const WAIT_SECONDS = 45;
/** An empty folder for the decoy server: every path is a 404. */
const DECOY_DIR = '/tmp/cl-decoy-www';

const check: Check = async (kit) => {
  const container = await kit.container(CONTAINER);
  if (!container)
    return kit.fail(`There is no container ${CONTAINER}.`, `Start it: docker run -d --name ${CONTAINER} ${REPO}:1.0`);
  if (!container.running) {
    return kit.fail(
      `${CONTAINER} is not running (${container.status}, exit ${container.exitCode}): ${(await kit.logs(CONTAINER, 5)).slice(0, 200)}`,
      `See why with docker logs ${CONTAINER}; then docker rm -f ${CONTAINER} and start it again.`,
    );
  }
  const image = await kit.image(container.imageId);
  const tags = image?.tags.filter((t) => t.startsWith(`${REPO}:`)) ?? [];
  const evidence: Record<string, string | number> = { startedFrom: container.image, tags: tags.join(' ') || '(none)' };
  if (!image || !kit.isNew(image))
    return kit.fail(
      `${CONTAINER} runs an image built before you started this exercise.`,
      `Rebuild it (docker build -t ${REPO}:1.0 .) and start the container again.`,
      evidence,
    );
  const versioned = tags.filter((t) => !t.endsWith(':latest'));
  if (!container.image.startsWith(`${REPO}:`) || container.image.endsWith(':latest') || versioned.length === 0) {
    return kit.diagnose(
      'unversioned',
      `${CONTAINER} was started from "${container.image}": that says nothing about which build it is.`,
      `Build with a version tag (docker build -t ${REPO}:1.0 .) and start the container from it: ` +
        `docker run -d --name ${CONTAINER} ${REPO}:1.0`,
      evidence,
    );
  }
  evidence.user = image.user || '(none: root)';
  const id = await kit.exec(CONTAINER, ['id', '-u']);
  const uid = id.stdout.trim();
  evidence.uid = uid;
  const imageRunsAsRoot = /^(root|0)(:|$)/.test(image.user) || image.user === '';
  if (!imageRunsAsRoot && uid === '0') {
    // The image is right; the run command overrode it (docker run --user 0 / --user root).
    return kit.diagnose(
      'run-as-root',
      `The image's USER is ${image.user}, but the service in ${CONTAINER} runs as uid 0: ` +
        'it was started with --user 0 (or root), which overrides the USER of the image.',
      `Start it again without --user: docker rm -f ${CONTAINER} && docker run -d --name ${CONTAINER} ${container.image}`,
      evidence,
    );
  }
  if (imageRunsAsRoot || uid === '0') {
    return kit.diagnose(
      'image-as-root',
      `The service in ${CONTAINER} runs as root (USER ${image.user || 'not set'}, uid ${uid || '?'}).`,
      'Add USER 10001 (any uid other than 0) to the Dockerfile before CMD, rebuild, and start the container again.',
      evidence,
    );
  }
  const health = await kit.health(CONTAINER, WAIT_SECONDS);
  evidence.health = health.status;
  if (health.lastExitCode !== undefined) evidence.lastProbeExit = health.lastExitCode;
  if (health.status === 'none') {
    return kit.fail(
      `${CONTAINER} has no HEALTHCHECK: the engine only knows that the process runs.`,
      'Add HEALTHCHECK --interval=2s CMD wget -q -O /dev/null http://127.0.0.1:8080/healthz || exit 1, rebuild, and start the container again.',
      evidence,
    );
  }
  if (health.status === 'unhealthy') {
    return kit.diagnose(
      'probe-fails',
      `The engine reports ${CONTAINER} unhealthy after ${health.failingStreak} failed probes. The last said: ` +
        `${health.lastOutput.slice(0, 160) || '(nothing)'}`,
      'Run the probe yourself: docker exec cl-lean-svc wget -q -O /dev/null http://127.0.0.1:8080/healthz; echo $?. Ask the port the server listens on.',
      evidence,
    );
  }
  if (health.status !== 'healthy') {
    return kit.fail(
      `${CONTAINER}'s health is still "${health.status}" after ${WAIT_SECONDS} s.`,
      'Use a short interval (HEALTHCHECK --interval=2s ...), rebuild, and start the container again.',
      evidence,
    );
  }
  // A probe that never asks the server (CMD true, `... || true`, a file test) says healthy when the server is down:
  // run the container's own probe in a throw-away container of the same image whose server was never started.
  const probe = container.healthcheck;
  const argv = probe[0] === 'CMD-SHELL' ? ['/bin/sh', '-c', probe.slice(1).join(' ')] : probe.slice(1);
  const idle = await kit.run(container.imageId, { entrypoint: argv.slice(0, 1), cmd: argv.slice(1), timeout: 15 });
  evidence.probeWithoutServer = idle.timedOut ? 'timed out' : `exit ${idle.exitCode}`;
  if (!idle.timedOut && idle.exitCode === 0) {
    return kit.diagnose(
      'probe-asks-nothing',
      `${CONTAINER}'s health check says healthy even when no server is running: in a container of the same image ` +
        `where httpd was never started, its probe (${probe.slice(1).join(' ').slice(0, 120)}) exited 0.`,
      'Make the probe ask the server and fail when it does not answer: ' +
        'HEALTHCHECK --interval=2s CMD wget -q -O /dev/null http://127.0.0.1:8080/healthz || exit 1',
      evidence,
    );
  }
  // A probe that only asks whether httpd runs or the port is open (pidof httpd, nc -z) says healthy when the server
  // answers with errors: run it where a decoy httpd on 8080 serves an empty folder (404 for every path).
  const decoy = await kit.run(container.imageId, {
    entrypoint: [
      '/bin/sh',
      '-c',
      `mkdir -p ${DECOY_DIR} && httpd -p 8080 -h ${DECOY_DIR} && sleep 1 && exec "$@"`,
      'sh',
    ],
    cmd: argv,
    user: '0',
    timeout: 15,
  });
  evidence.probeWithErrorServer = decoy.timedOut ? 'timed out' : `exit ${decoy.exitCode}`;
  if (!decoy.timedOut && decoy.exitCode === 0) {
    return kit.diagnose(
      'probe-ignores-answer',
      `${CONTAINER}'s health check says healthy when the server answers every request with an error: in a ` +
        `container of the same image where an httpd on 8080 has no pages (404), its probe ` +
        `(${probe.slice(1).join(' ').slice(0, 120)}) exited 0. It does not ask the server for /healthz.`,
      'Make the probe ask for the page and fail on an error answer: ' +
        'HEALTHCHECK --interval=2s CMD wget -q -O /dev/null http://127.0.0.1:8080/healthz || exit 1',
      evidence,
    );
  }
  return kit.pass(
    `${CONTAINER} runs ${versioned[0]} as uid ${uid}, and the engine reports it healthy (its probe fails when the ` +
      'server is down or answers with errors).',
    evidence,
  );
};

export default check;
