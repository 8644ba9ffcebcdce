// ns-pid-one: in cl-ns-sandbox (CAP_SYS_ADMIN, not privileged), a process is PID 1 of a new PID namespace
// and sees its own /proc there (unshare --pid --fork --mount-proc). Judged from /proc, not from flags.
import type { Check, CheckKit, ContainerProcess } from 'containerlings/kit';

const NAME = 'cl-ns-sandbox';
const RUN = `docker run -dti --name ${NAME} --cap-add SYS_ADMIN --security-opt seccomp=unconfined containerlings/busybox`;

/** A process started with docker exec -d may need a moment to appear: poll briefly. */
async function processesInNewPidNamespace(kit: CheckKit): Promise<{ own: string; others: ContainerProcess[] }> {
  for (let tries = 0; ; tries++) {
    const all = await kit.processes(NAME);
    const own = all.find((p) => p.pid === 1)?.namespaces.pid ?? '';
    const others = all.filter((p) => p.namespaces.pid && p.namespaces.pid !== own);
    if (others.length > 0 || tries >= 10) return { own, others };
    await new Promise((r) => setTimeout(r, 200));
  }
}

const check: Check = async (kit) => {
  const c = await kit.container(NAME);
  if (!c) return kit.diagnose('not-started', `There is no container named ${NAME}.`, `Start it: ${RUN}`);
  if (c.isolation.privileged) {
    return kit.diagnose(
      'privileged',
      `${NAME} runs with --privileged: every capability and every host device, far more than unshare needs.`,
      `Remove it and start it with only what is needed: ${RUN}`,
    );
  }
  // "Not privileged" means more than the one flag: --cap-add ALL hands over every capability all the same.
  if (c.isolation.allCapabilities)
    return kit.diagnose(
      'all-capabilities',
      `${NAME} runs with --cap-add ALL: every capability of the kernel, when unshare needs only CAP_SYS_ADMIN.`,
      `Remove it and start it with only what is needed: ${RUN}`,
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

  const { own, others } = await processesInNewPidNamespace(kit);
  const caps = c.isolation.capAdd.map((cap) => cap.toUpperCase().replace(/^CAP_/, ''));
  const evidence = {
    containerPidNamespace: own,
    capAdd: caps.join(',') || 'none',
    securityOpt: c.isolation.securityOpt.join(',') || 'default',
  };
  if (others.length === 0) {
    if (!caps.includes('SYS_ADMIN')) {
      return kit.diagnose(
        'no-sys-admin',
        `No process in ${NAME} lives in a new PID namespace, and ${NAME} lacks CAP_SYS_ADMIN, so unshare gets "Operation not permitted".`,
        `Remove it and start it with: ${RUN}. Then run unshare again.`,
        evidence,
      );
    }
    return kit.diagnose(
      'no-new-namespace',
      `Every process in ${NAME} is still in the container's PID namespace (${own}). ` +
        'unshare --pid without --fork runs the program in the old namespace; ' +
        'and a namespace vanishes when its last process exits.',
      `Leave a process running: docker exec -d ${NAME} unshare --pid --fork --mount-proc sleep 86400`,
      evidence,
    );
  }
  const first = others.find((p) => p.nspid[p.nspid.length - 1] === 1);
  if (!first) {
    const p = others[0];
    return kit.diagnose(
      'not-pid-one',
      `"${p.command}" is in a new PID namespace but is not its PID 1 (NSpid ${p.nspid.join(' ')}).`,
      'Let unshare --fork start the program, so that it is the first process there.',
      evidence,
    );
  }
  // From inside first's mount namespace, /proc/1 must be first itself: a /proc mounted for the new namespace.
  const inside = await kit.exec(NAME, ['nsenter', '-t', String(first.pid), '-m', 'readlink', '/proc/1/ns/pid']);
  const proc = inside.stdout.trim();
  const found = {
    ...evidence,
    process: first.command,
    pid: first.pid,
    nspid: first.nspid.join(' '),
    newPidNamespace: first.namespaces.pid,
    procShows: proc || inside.stderr.trim(),
  };
  if (proc !== first.namespaces.pid) {
    return kit.diagnose(
      'old-proc',
      `"${first.command}" is PID 1 of ${first.namespaces.pid}, ` +
        "but /proc there still shows the container's processes (its /proc/1 is in " +
        `${proc || 'an unreadable namespace'}), so ps would list them.`,
      `Give the new namespace its own /proc: unshare --pid --fork --mount-proc ...`,
      found,
    );
  }
  return kit.pass(
    `"${first.command}" is PID 1 of its own PID namespace (${first.namespaces.pid}, container's is ${own}), with a /proc of its own.`,
    found,
  );
};
export default check;
