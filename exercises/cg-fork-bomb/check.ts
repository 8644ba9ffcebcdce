// cg-fork-bomb: cl-cg-survivor has a pids limit of at most 64; only then the check sets off a fused fork bomb
// in it and passes when the limit refused forks (pids.events "max" rose) and the container still answers.
import type { Check } from 'containerlings/kit';

const NAME = 'cl-cg-survivor';
const MAX_PIDS = 64;
const RUN = `docker run -dti --name ${NAME} --pids-limit 32 containerlings/busybox`;
/** Below this, a docker exec or the bomb's fuse may find no free pid: the limit leaves no room to test it. */
const ROOMY_PIDS = 8;

/**
 * The bomb: each process forks one child at a time and waits for it, so a refused fork never orphans anything
 * (orphans would become zombies under the container's sh and keep their pid slots). The fuse's sleep is
 * running before the bomb starts (else its fork could be refused and the bomb never stop); after 3 s it
 * writes the fuse file with a builtin redirection, which needs no fork, and every loop stops.
 */
const bomb = (fuse: string) =>
  `rm -f ${fuse} ${fuse}.armed; (sleep 3 & : > ${fuse}.armed; wait; : > ${fuse}) & i=0; ` +
  `while [ ! -e ${fuse}.armed ] && [ $i -lt 100000 ]; do i=$((i+1)); done; [ -e ${fuse}.armed ] || exit 1; ` +
  `f(){ while [ ! -e ${fuse} ]; do f & wait; done; }; f 2>/dev/null & wait; rm -f ${fuse} ${fuse}.armed; echo fused`;

const check: Check = async (kit) => {
  const c = await kit.container(NAME);
  if (!c) return kit.diagnose('not-started', `There is no container named ${NAME}.`, `Start it: ${RUN}`);
  // A run that could not start (an --ulimit some engines refuse) still shows what it asked for: no pids limit is the
  // mistake to name first.
  if (!c.running && !c.limits.pidsLimit)
    return kit.diagnose(
      'no-pids-limit',
      `${NAME} is not running (${c.status}), and it has no pids limit: a fork bomb would take every process slot on ` +
        'the machine. (A --ulimit nproc is not such a limit: it counts per user across the machine, and root is exempt.)',
      `Remove it and run it with --pids-limit: ${RUN}`,
    );
  if (!c.running)
    return kit.diagnose(
      'not-running',
      `${NAME} is not running (${c.status}).`,
      `Remove it (docker rm -f ${NAME}) and run: ${RUN}`,
    );
  if (!kit.since(c.created))
    return kit.diagnose(
      'created-before-start',
      `${NAME} was created before you started this exercise.`,
      `Remove it (docker rm -f ${NAME}) and run: ${RUN}`,
    );
  const tight = c.limits.pidsLimit > 0 && c.limits.pidsLimit < ROOMY_PIDS;
  const tooLow = (what: string, evidence = {}) =>
    kit.diagnose(
      'limit-too-low',
      `${NAME}'s pids limit is ${c.limits.pidsLimit}: so few that ${what}.`,
      `Leave room for a shell and a few commands: remove it and run: ${RUN}`,
      { hostConfigPidsLimit: c.limits.pidsLimit, ...evidence },
    );
  const before = await kit.cgroup(NAME);
  if (!before)
    return tight
      ? tooLow('docker exec could not even run sh and cat in it to read its cgroup')
      : kit.diagnose(
          'cgroup-unreadable',
          `Could not read the cgroup files inside ${NAME} (it needs sh and cat): is it running containerlings/busybox?`,
          `Remove it and run: ${RUN}`,
        );
  const evidence = {
    cgroupVersion: before.version,
    hostConfigPidsLimit: c.limits.pidsLimit,
    cgroupPidsMax: before.pidsMax ?? 'max',
  };
  const limit = c.limits.pidsLimit > 0 ? c.limits.pidsLimit : undefined;
  if (!limit || before.pidsMax === undefined) {
    return kit.diagnose(
      'no-pids-limit',
      `${NAME} has no pids limit in its cgroup, so a fork bomb would take every process slot on the machine; ` +
        'the check will not set one off. (A --ulimit nproc is not such a limit: ' +
        'it counts per user across the machine, and root is exempt.)',
      `Remove it and run it with --pids-limit: ${RUN}`,
      evidence,
    );
  }
  if (limit > MAX_PIDS || before.pidsMax > MAX_PIDS) {
    return kit.diagnose(
      'limit-too-high',
      `${NAME}'s pids limit is ${before.pidsMax}: more than ${MAX_PIDS}, too many to set a bomb off safely here.`,
      `Remove it and run it with a small limit: ${RUN}`,
      evidence,
    );
  }

  const run = await kit.exec(NAME, ['sh', '-c', bomb('/tmp/containerlings-fuse')]);
  const after = await kit.cgroup(NAME);
  const alive = await kit.exec(NAME, ['echo', 'alive']);
  const refused = (after?.pidsRefused ?? 0) - (before.pidsRefused ?? 0);
  const found = {
    ...evidence,
    forksRefused: refused,
    bombExit: run.exitCode,
    answersAfterwards: alive.stdout.trim() === 'alive',
  };
  if (run.timedOut || !run.stdout.includes('fused')) {
    if (tight) return tooLow("the check's fused bomb could not even light its fuse", found);
    return kit.diagnose(
      'bomb-unfinished',
      `The bomb in ${NAME} did not finish cleanly (exit ${run.exitCode}): processes left in it may hold its pids.`,
      `Remove ${NAME} and start it again: ${RUN}`,
      found,
    );
  }
  if (refused <= 0)
    return kit.diagnose(
      'limit-not-hit',
      `The bomb ran, but the pids limit refused no fork (pids.events max did not rise).`,
      `Is the limit really on ${NAME}? Remove it and run: ${RUN}`,
      found,
    );
  if (alive.exitCode !== 0)
    return kit.diagnose(
      'unresponsive',
      `After the bomb, ${NAME} no longer answers.`,
      `Remove it and start it again: ${RUN}`,
      found,
    );
  return kit.pass(
    `The fork bomb hit ${NAME}'s limit of ${before.pidsMax} processes: ${refused} forks were refused, and the container still answers.`,
    found,
  );
};
export default check;
