// cg-oom: cl-cg-hog ran a memory hog under a limit of at most 64 MiB and the kernel's OOM killer ended it:
// exit code 137 and State.OOMKilled true (a plain docker kill gives 137 too, but no OOMKilled). Engines can miss
// the OOM in State.OOMKilled (see judgeUnflagged): then the engine's event log or the kernel's log, together with
// 137, is the proof, a kill through the engine disproves it, and without either the verdict is "could not tell".
// --memory-swap must equal --memory (HostConfig.MemorySwap), so the hog cannot spill into swap: without it Docker
// allows twice --memory (memory plus as much again in swap), and -1 allows unlimited swap.
import type { Check, CheckKit, CheckResult, ContainerFacts, Evidence } from 'containerlings/kit';

const NAME = 'cl-cg-hog';
const MIB = 1024 * 1024;
const MAX_LIMIT = 64 * MIB;
const RUN = `docker run --name ${NAME} --memory 32m --memory-swap 32m containerlings/busybox sh -c 'head -c 100m /dev/zero | tail'`;

const check: Check = async (kit) => {
  const c = await kit.container(NAME);
  if (!c)
    return kit.diagnose(
      'not-started',
      `There is no container named ${NAME}. (With --rm it is removed as soon as it ends, and there is nothing left to inspect.)`,
      `Run it without --rm: ${RUN}`,
    );
  if (!kit.since(c.created))
    return kit.diagnose(
      'created-before-start',
      `${NAME} was created before you started this exercise.`,
      `Remove it (docker rm -f ${NAME}) and run: ${RUN}`,
    );
  const limit = c.limits.memoryBytes;
  const swap = c.limits.memorySwapBytes;
  const evidence: Evidence = {
    status: c.status,
    exitCode: c.exitCode,
    oomKilled: c.oomKilled,
    memoryLimitBytes: limit,
    memorySwapBytes: swap,
  };
  if (c.running)
    return kit.diagnose(
      'still-running',
      `${NAME} is still running: the hog has not hit a limit (yet).`,
      `Wait for it (docker wait ${NAME}), or remove it and run it with a smaller --memory.`,
      evidence,
    );
  if (!limit) {
    return kit.diagnose(
      'no-limit',
      `${NAME} has no memory limit, so the hog got all the memory it wanted and exited with ${c.exitCode}.`,
      `Remove it and run it with --memory 32m --memory-swap 32m: ${RUN}`,
      evidence,
    );
  }
  if (limit > MAX_LIMIT) {
    return kit.diagnose(
      'limit-too-high',
      `${NAME}'s memory limit is ${Math.round(limit / MIB)} MiB, more than 64 MiB (and than the hog needs); it exited with ${c.exitCode}.`,
      `Remove it and run it with --memory 32m --memory-swap 32m.`,
      evidence,
    );
  }
  // An engine that cannot limit swap records -1 whatever was asked: then the swap limit cannot be judged.
  const judgeSwap = swap !== -1 || (await kit.swapLimitSupported());
  if (!judgeSwap) evidence.swapLimit = 'the engine cannot limit swap: not judged';
  if (judgeSwap && swap !== limit)
    return kit.diagnose(
      'swap-not-limited',
      `${NAME} may use ${swapAllowance(swap, limit)}, not just its ${Math.round(limit / MIB)} MiB of memory: ` +
        '--memory-swap is not the same value as --memory, so the hog can spill into swap instead of meeting the limit.',
      `Remove it and give --memory-swap the same value as --memory: ${RUN}`,
      evidence,
    );
  if (c.exitCode === 137 && !c.oomKilled) return judgeUnflagged(kit, c, limit, evidence);
  if (!c.oomKilled)
    return kit.diagnose(
      'not-oom-killed',
      `${NAME} exited with ${c.exitCode} and was not OOM-killed: the limit was never hit. Did it run the hog?`,
      `Remove it and let the hog run into the limit on its own: ${RUN}`,
      evidence,
    );
  if (c.exitCode !== 137)
    return kit.diagnose(
      'main-process-survived',
      `The OOM killer killed a process in ${NAME}, but its main process went on and exited with ${c.exitCode}, ` +
        'not 137: the hog must be what the container runs, so that the kill ends the container.',
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

/** What --memory-swap (memory plus swap) lets the container use, in words. */
function swapAllowance(swap: number, limit: number): string {
  if (swap < 0) return 'unlimited swap (--memory-swap -1)';
  if (swap === 0 || swap === 2 * limit)
    return `${Math.round(limit / MIB)} MiB of swap on top (without --memory-swap, Docker allows twice --memory)`;
  if (swap < limit) return `a swap total (${Math.round(swap / MIB)} MiB) below its memory`;
  return `${Math.round((swap - limit) / MIB) || '<1'} MiB of swap on top (--memory-swap ${Math.round(swap / MIB)} MiB)`;
}

/**
 * Exit code 137 (SIGKILL) but State.OOMKilled false: the engine may have missed the OOM (Docker 20.10 when the OOM
 * reaches it after the exit, Podman 4.3 on cgroup v1), or someone killed the container. Ask its event log and the
 * kernel's; when neither can tell, say so (an error: check again), never blame the learner without evidence.
 */
async function judgeUnflagged(
  kit: CheckKit,
  c: ContainerFacts,
  limit: number,
  evidence: Evidence,
): Promise<CheckResult> {
  const [events, kernel] = await Promise.all([kit.events(c.id), kit.oomKills(c.id)]);
  const seen = {
    ...evidence,
    engineEvents: events
      ? `${events.complete ? 'complete' : 'incomplete'}, oom ${events.oom}, kills [${events.killSignals.join(' ')}]`
      : 'unreadable',
    kernelLog: kernel.source,
  };
  const stopped = `The kernel's OOM killer stopped the hog at ${Math.round(limit / MIB)} MiB`;
  if (events?.oom)
    return kit.pass(
      `${stopped}: the engine's event log records the OOM, and the exit code is 137 (128 + SIGKILL's 9). ` +
        '(State.OOMKilled stayed false: this engine saw the OOM only after the exit.)',
      seen,
    );
  if (kernel.killed.length) {
    const { task, pid } = kernel.killed[kernel.killed.length - 1];
    return kit.pass(
      `${stopped}: its log shows ${task} (pid ${pid}) killed in ${NAME}'s memory cgroup, ` +
        "and the exit code is 137 (128 + SIGKILL's 9). (This engine left State.OOMKilled false.)",
      { ...seen, kernelOomKills: kernel.killed.length },
    );
  }
  const notOom = `Remove it and let the hog run into the limit on its own: ${RUN}`;
  if (events?.killSignals.length)
    return kit.diagnose(
      'killed-by-hand',
      `${NAME} exited with 137 because it was killed through the engine (docker kill or docker stop, ` +
        `signal ${events.killSignals.join(', ')}), not by the kernel's OOM killer.`,
      notOom,
      seen,
    );
  if (events?.complete && kernel.source === 'kernel-log')
    return kit.diagnose(
      'not-oom-killed',
      `${NAME} exited with 137, but State.OOMKilled is false, and neither the engine's event log nor the ` +
        "kernel's log has an OOM for it: it was not the kernel's OOM killer (137 is also what a program " +
        'returns with exit 137, or what any other SIGKILL leaves).',
      notOom,
      seen,
    );
  return {
    outcome: 'error',
    message:
      `Could not tell whether the OOM killer stopped ${NAME}: it exited with 137 (SIGKILL) but State.OOMKilled ` +
      `is false, and the engine's event log ${events ? 'no longer reaches back to its start' : 'could not be read'}` +
      ` and the kernel's log ${kernel.source === 'kernel-log' ? 'has nothing for it' : 'cannot be read here'}.`,
    tryNext: `Run it again (docker rm -f ${NAME}, then ${RUN}) and check right after it ends.`,
    evidence: seen,
  };
}
