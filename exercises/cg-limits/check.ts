// cg-limits: cl-cg-limited runs with 64 MiB of memory, half a CPU and 50 pids, as recorded in HostConfig and
// as the kernel holds them in the container's cgroup (read from inside; cgroup v1 or v2).
import type { Check } from 'containerlings/kit';

const NAME = 'cl-cg-limited';
const MIB = 1024 * 1024;
const WANT = { memoryBytes: 64 * MIB, cpus: 0.5, pids: 50 };
const RUN = `docker run -dti --name ${NAME} --memory 64m --cpus 0.5 --pids-limit 50 containerlings/busybox`;

const mib = (bytes: number | undefined) => (bytes ? `${Math.round((bytes / MIB) * 10) / 10} MiB` : 'no limit');

const check: Check = async (kit) => {
  const c = await kit.container(NAME);
  if (!c) return kit.diagnose('not-started', `There is no container named ${NAME}.`, `Start it: ${RUN}`);
  if (!c.running)
    return kit.diagnose(
      'not-running',
      `${NAME} is not running (${c.status}).`,
      `Keep sh waiting with -dti. Remove it (docker rm -f ${NAME}) and run it again.`,
    );
  if (!kit.since(c.created))
    return kit.diagnose(
      'created-before-start',
      `${NAME} was created before you started this exercise.`,
      `Remove it (docker rm -f ${NAME}) and run it again.`,
    );
  const l = c.limits;
  const cgroup = await kit.cgroup(NAME);
  if (!cgroup)
    return kit.diagnose(
      'cgroup-unreadable',
      `Could not read the cgroup files inside ${NAME} (it needs sh and cat): is it running containerlings/busybox?`,
      `Remove it and run: ${RUN}`,
    );
  const evidence = {
    cgroupVersion: cgroup.version,
    hostConfigMemory: l.memoryBytes,
    hostConfigNanoCpus: l.nanoCpus,
    hostConfigPidsLimit: l.pidsLimit,
    cgroupMemoryBytes: cgroup.memoryBytes ?? 'max',
    cgroupCpus: cgroup.cpus ?? 'max',
    cgroupPidsMax: cgroup.pidsMax ?? 'max',
  };
  const redo =
    `Remove it (docker rm -f ${NAME}) and run: ${RUN} ` +
    `(docker update --memory 64m --cpus 0.5 --pids-limit 50 ${NAME} changes them in place, too).`;

  if (l.memoryBytes !== WANT.memoryBytes || cgroup.memoryBytes !== WANT.memoryBytes) {
    const reservation = !l.memoryBytes && l.memoryReservationBytes > 0;
    const why = reservation
      ? ` It has a memory reservation of ${mib(l.memoryReservationBytes)}: a soft target, not a ceiling (--memory sets the ceiling).`
      : '';
    const has = cgroup.memoryBytes ? `a memory limit of ${mib(cgroup.memoryBytes)}` : 'no memory limit';
    return kit.diagnose(
      reservation ? 'memory-reservation' : 'wrong-memory',
      `${NAME} has ${has} in its cgroup (HostConfig: ${mib(l.memoryBytes)}), not 64 MiB (67108864 bytes).${why}`,
      redo,
      evidence,
    );
  }
  if (cgroup.cpus !== WANT.cpus) {
    const shares = cgroup.cpus === undefined && l.cpuShares > 0;
    const why = shares
      ? ` --cpu-shares ${l.cpuShares} is only a weight against other busy containers; alone, ${NAME} may use every CPU.`
      : '';
    const has =
      cgroup.cpus === undefined
        ? 'has no CPU quota in its cgroup'
        : `may use ${cgroup.cpus} CPUs by its cgroup's CPU quota`;
    return kit.diagnose(shares ? 'cpu-shares' : 'wrong-cpus', `${NAME} ${has}, not 0.5 CPU.${why}`, redo, evidence);
  }
  if (l.pidsLimit !== WANT.pids || cgroup.pidsMax !== WANT.pids) {
    return kit.diagnose(
      'wrong-pids-limit',
      `${NAME}'s pids limit is ${cgroup.pidsMax ?? 'max (none)'} in its cgroup, not ${WANT.pids}.`,
      redo,
      evidence,
    );
  }
  return kit.pass(
    `${NAME} is held to 64 MiB, 0.5 CPU and 50 processes, and its cgroup (v${cgroup.version}) says so too.`,
    evidence,
  );
};
export default check;
