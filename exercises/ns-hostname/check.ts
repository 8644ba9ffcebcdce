// ns-hostname: in cl-ns-uts, a process lives in a UTS namespace of its own whose hostname is inner-world,
// while the container's own hostname is unchanged (unshare --uts, kept alive with docker exec -d).
import type { Check, CheckKit, ContainerProcess } from 'containerlings/kit';

const NAME = 'cl-ns-uts';
const WANTED = 'inner-world';
const RUN = `docker run -dti --name ${NAME} --cap-add SYS_ADMIN --security-opt seccomp=unconfined containerlings/busybox`;
const UNSHARE = `docker exec -d ${NAME} unshare --uts sh -c 'hostname ${WANTED}; exec sleep 86400'`;

/** A process started with docker exec -d may need a moment to appear: poll briefly. */
async function inNewUtsNamespace(kit: CheckKit): Promise<{ own: string; others: ContainerProcess[] }> {
  for (let tries = 0; ; tries++) {
    const all = await kit.processes(NAME);
    const own = all.find((p) => p.pid === 1)?.namespaces.uts ?? '';
    const others = all.filter((p) => p.namespaces.uts && p.namespaces.uts !== own);
    if (others.length > 0 || tries >= 10) return { own, others };
    await new Promise((r) => setTimeout(r, 200));
  }
}

const check: Check = async (kit) => {
  const c = await kit.container(NAME);
  if (!c) return kit.diagnose('not-started', `There is no container named ${NAME}.`, `Start it: ${RUN}`);
  if (c.isolation.privileged)
    return kit.diagnose(
      'privileged',
      `${NAME} runs with --privileged, far more than unshare needs.`,
      `Remove it and start it with: ${RUN}`,
    );
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

  const containerName = (await kit.exec(NAME, ['hostname'])).stdout.trim();
  const { own, others } = await inNewUtsNamespace(kit);
  const evidence = { containerHostname: containerName, containerUtsNamespace: own };
  if (containerName === WANTED) {
    return kit.diagnose(
      'renamed-container',
      `The container's own hostname is ${WANTED}: every process in ${NAME} sees it. ` +
        "That renamed Docker's UTS namespace for the container (by hostname without unshare, " +
        'or by docker run --hostname).',
      `Remove ${NAME}, start it again without --hostname, and change the name only inside a new namespace: ${UNSHARE}`,
      evidence,
    );
  }
  if (others.length === 0) {
    return kit.diagnose(
      'namespace-gone',
      `No process in ${NAME} is in a UTS namespace of its own. ` +
        'A namespace disappears when its last process exits, ' +
        `so a bare "unshare --uts hostname ${WANTED}" leaves nothing behind.`,
      `Keep a process in it: ${UNSHARE}`,
      evidence,
    );
  }
  for (const p of others) {
    const seen = (await kit.exec(NAME, ['nsenter', '-t', String(p.pid), '-u', 'hostname'])).stdout.trim();
    if (seen === WANTED) {
      return kit.pass(
        `"${p.command}" (PID ${p.pid}) sees the hostname ${WANTED} in ${p.namespaces.uts}, ` +
          `while the container still calls itself ${containerName}.`,
        {
          ...evidence,
          process: p.command,
          utsNamespace: p.namespaces.uts ?? '',
          hostnameInside: seen,
        },
      );
    }
  }
  const p = others[0];
  return kit.diagnose(
    'wrong-name-inside',
    `"${p.command}" has a UTS namespace of its own, but its hostname is not ${WANTED}.`,
    `Set it inside the new namespace: ${UNSHARE}`,
    { ...evidence, process: p.command },
  );
};
export default check;
