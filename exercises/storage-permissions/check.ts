// storage-permissions: cl-perm runs as a non-root user, with this exercise's logs/ folder bind-mounted at /logs and
// the volume cl-perm-data at /data, and it wrote to both: ownership was fixed, and nothing there is world-writable
// (777 or 666 would "work" too). Owners and modes are read from inside the container, as the service sees them.
import type { Check } from 'containerlings/kit';

const NAME = 'cl-perm';
const VOLUME = 'cl-perm-data';
const WRITTEN = ['/logs/app.log', '/data/state.txt'];

const check: Check = async (kit) => {
  const container = await kit.container(NAME);
  if (!container) return kit.fail(`There is no container named ${NAME}.`, 'Start it: sh run.sh');
  const evidence = {
    container: container.id.slice(0, 12),
    mounts: container.mounts.map((m) => `${m.type}:${m.name ?? m.source}->${m.destination}`).join(', ') || 'none',
  };
  if (!kit.since(container.created))
    return kit.fail(`${NAME} was created before you started this exercise.`, 'Start it again: sh run.sh', evidence);
  const logs = container.mounts.find((m) => m.destination === '/logs');
  const data = container.mounts.find((m) => m.destination === '/data');
  if (logs?.type !== 'bind' || !(await kit.isExerciseFile(logs.source, 'logs')))
    return kit.fail(
      `/logs in ${NAME} is not this exercise's logs folder (${kit.dir}/logs).`,
      'Keep the mounts of run.sh as they are (-v "$PWD/logs:/logs"), and run it from the storage-permissions folder.',
      evidence,
    );
  if (data?.type !== 'volume' || data.name !== VOLUME)
    return kit.fail(
      `/data in ${NAME} is not the volume ${VOLUME}.`,
      `Keep the mounts of run.sh as they are (-v ${VOLUME}:/data), then sh run.sh again.`,
      evidence,
    );
  // A remote engine mounts an empty folder of its own at that path: the service would fail there, through no fault
  // of the learner. Asked before any verdict that depends on what the bind mount holds.
  if ((await kit.seesExerciseFolder()) === false)
    return {
      outcome: 'error',
      message:
        `${NAME} mounts ${logs.source}, but your Docker engine runs on another machine (or a VM) and does not see ` +
        'this folder: the service writes into a folder of that name over there.',
      tryNext: 'Do this exercise with a local engine (unset DOCKER_HOST, or docker context use default).',
      evidence,
    };
  if (!container.running) {
    const said = await kit.logs(NAME, 5);
    const denied = said.split('\n').find((l) => /permission denied/i.test(l));
    if (denied)
      return kit.diagnose(
        'cannot-write',
        `The service stopped: "${denied.trim()}". It runs as uid 10001, and that place does not let it write.`,
        'See who owns what: docker run --rm -v "$PWD/logs:/logs" -v cl-perm-data:/data containerlings/busybox ' +
          'ls -ldn /logs /data. Give the service write access there (not to everyone), then sh run.sh again.',
        { ...evidence, logs: said.slice(-300) },
      );
    return kit.fail(
      `${NAME} is not running (${container.status}, exit ${container.exitCode}): ${said.slice(-200) || 'it printed nothing'}`,
      `See why with docker logs ${NAME}, then sh run.sh again.`,
      evidence,
    );
  }

  const id = (await kit.exec(NAME, ['sh', '-c', 'echo "$(id -u) $(id -g) $(id -G)"'])).stdout.trim().split(' ');
  const [uid, gid] = id.map(Number);
  if (uid === 0)
    return kit.diagnose(
      'runs-as-root',
      `${NAME} runs as root (uid 0): it can write anywhere, so nothing about the storage was fixed.`,
      'Keep --user 10001:10001 in run.sh, and give that user write access to logs/ and the volume instead.',
      { ...evidence, uid },
    );
  // The service writes right after it starts; give it a moment.
  let stats: string[][] = [];
  for (let i = 0; i < 10; i++) {
    const read = await kit.exec(NAME, ['stat', '-c', '%a|%u|%g|%n', '/logs', '/data', ...WRITTEN]);
    stats = read.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('|'));
    if (read.exitCode === 0 || i === 9) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  const owners = stats.map(([mode, u, g, path]) => `${path} ${mode} ${u}:${g}`).join(', ');
  const open = stats
    .filter(([mode]) => (parseInt(mode, 8) & 0o002) !== 0)
    .map(([mode, , , path]) => `${path} (${mode})`);
  if (open.length > 0)
    return kit.diagnose(
      'world-writable',
      `${open.join(', ')} may be written by anyone, not only by the service (uid ${uid}).`,
      'Take write access away from "others" (chmod o-w) and give it to the service alone: ' +
        'chown 10001:10001, or chgrp 10001 plus chmod g+w.',
      { ...evidence, uid, owners },
    );
  const missing = WRITTEN.filter((p) => !stats.some((s) => s[3] === p));
  if (missing.length > 0)
    return kit.diagnose(
      'cannot-write',
      `${NAME} runs, but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing: the service did not write there.`,
      'docker logs cl-perm shows why. Fix the ownership, then sh run.sh again.',
      { ...evidence, uid, owners },
    );
  const log = (await kit.readFile('logs/app.log')) ?? '';
  if (!log.includes(`started as ${uid}:${gid}`))
    return kit.fail(
      `logs/app.log in your folder has no line "started as ${uid}:${gid}" from this run of the service.`,
      'Run sh run.sh again from the storage-permissions folder, then check again.',
      { ...evidence, uid, owners },
    );
  return kit.pass(
    `${NAME} runs as ${uid}:${gid} and wrote to your logs folder and to ${VOLUME}, and neither lets everyone write.`,
    { ...evidence, uid, owners },
  );
};

export default check;
