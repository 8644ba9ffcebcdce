// cg-oom: cl-cg-hog ran a memory hog under a limit of at most 64 MiB and the kernel's OOM killer ended it:
// State.OOMKilled true and exit code 137 (a plain docker kill gives 137 too, but no OOMKilled). Podman 4.3 on
// cgroup v1 misses the kill (the hog's `tail` dies, not PID 1): there, the kernel's log of an OOM kill in this
// container's memory cgroup, together with 137, is the proof.
import type { Check } from 'containerlings/kit';

const NAME = 'cl-cg-hog';
const MIB = 1024 * 1024;
const MAX_LIMIT = 64 * MIB;
const RUN = `docker run --name ${NAME} --memory 32m --memory-swap 32m containerlings/busybox sh -c 'head -c 100m /dev/zero | tail'`;

const check: Check = async (kit) => {
  const c = await kit.container(NAME);
  if (!c)
    return kit.fail(
      `There is no container named ${NAME}. (With --rm it is removed as soon as it ends, and there is nothing left to inspect.)`,
      `Run it without --rm: ${RUN}`,
    );
  if (!kit.since(c.created))
    return kit.fail(
      `${NAME} was created before you started this exercise.`,
      `Remove it (docker rm -f ${NAME}) and run: ${RUN}`,
    );
  const limit = c.limits.memoryBytes;
  const evidence = { status: c.status, exitCode: c.exitCode, oomKilled: c.oomKilled, memoryLimitBytes: limit };
  if (c.running)
    return kit.fail(
      `${NAME} is still running: the hog has not hit a limit (yet).`,
      `Wait for it (docker wait ${NAME}), or remove it and run it with a smaller --memory.`,
      evidence,
    );
  if (!limit) {
    return kit.fail(
      `${NAME} has no memory limit, so the hog got all the memory it wanted and exited with ${c.exitCode}.`,
      `Remove it and run it with --memory 32m --memory-swap 32m: ${RUN}`,
      evidence,
    );
  }
  if (limit > MAX_LIMIT) {
    return kit.fail(
      `${NAME}'s memory limit is ${Math.round(limit / MIB)} MiB, more than 64 MiB (and than the hog needs); it exited with ${c.exitCode}.`,
      `Remove it and run it with --memory 32m --memory-swap 32m.`,
      evidence,
    );
  }
  const kernel = !c.oomKilled && c.exitCode === 137 ? await kit.oomKills(c.id) : undefined;
  if (kernel?.killed.length) {
    const { task, pid } = kernel.killed[kernel.killed.length - 1];
    return kit.pass(
      `The kernel's OOM killer stopped the hog at ${Math.round(limit / MIB)} MiB: ` +
        `its log shows ${task} (pid ${pid}) killed in ${NAME}'s memory cgroup, ` +
        "and the exit code is 137 (128 + SIGKILL's 9). (This engine left State.OOMKilled false.)",
      { ...evidence, kernelOomKills: kernel.killed.length },
    );
  }
  if (!c.oomKilled) {
    return kit.fail(
      c.exitCode === 137
        ? `${NAME} exited with 137 (killed by SIGKILL), but State.OOMKilled is false` +
            `${kernel?.source === 'kernel-log' ? ' and the kernel log has no OOM kill in its memory cgroup' : ''}: ` +
            "something else killed it (docker kill, docker stop's timeout), not the kernel's OOM killer."
        : `${NAME} exited with ${c.exitCode} and was not OOM-killed. Did it run the hog?`,
      `Remove it and let the hog run into the limit on its own: ${RUN}`,
      evidence,
    );
  }
  if (c.exitCode !== 137)
    return kit.fail(
      `${NAME} was OOM-killed but exited with ${c.exitCode}, not 137.`,
      `Run the hog as given: ${RUN}`,
      evidence,
    );
  return kit.pass(
    `The kernel's OOM killer stopped the hog at ${Math.round(limit / MIB)} MiB: ` +
      "State.OOMKilled is true and the exit code is 137 (128 + SIGKILL's 9).",
    evidence,
  );
};
export default check;
