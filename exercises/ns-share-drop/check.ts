// ns-share-drop: cl-ns-hostpid shares the engine host's PID namespace (--pid=host) and cl-ns-offline has an
// empty network namespace (--network none). Judged by namespace inodes and interfaces, not just by flags.
import type { CheckKit, CheckResult, ContainerFacts } from 'containerlings/kit';

const SHARER = 'cl-ns-hostpid';
const OFFLINE = 'cl-ns-offline';

async function runningContainer(kit: CheckKit, name: string, how: string): Promise<ContainerFacts | CheckResult> {
  const c = await kit.container(name);
  if (!c) return kit.diagnose('not-started', `There is no container named ${name}.`, `Start it: ${how}`);
  if (!c.running)
    return kit.diagnose(
      'not-running',
      `${name} is not running (${c.status}).`,
      `Keep sh waiting with -dti. Remove it (docker rm -f ${name}) and run: ${how}`,
    );
  if (!kit.since(c.created))
    return kit.diagnose(
      'created-before-start',
      `${name} was created before you started this exercise.`,
      `Remove it (docker rm -f ${name}) and run: ${how}`,
    );
  return c;
}

/**
 * The container's network interfaces, and which of them are up. A new network namespace can hold more than lo:
 * the kernel adds its fallback tunnel devices (tunl0, sit0, ip6tnl0...) to every one when their modules are
 * loaded, but leaves them down. An interface that is down reaches nothing.
 */
async function interfacesOf(kit: CheckKit, name: string): Promise<{ all: string[]; up: string[] }> {
  const listing = await kit.exec(name, [
    'sh',
    '-c',
    'for i in /sys/class/net/*; do echo "${i##*/} $(cat "$i/flags")"; done',
  ]);
  const rows = listing.stdout
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f[0] && f[0] !== '*');
  const all = rows.map((f) => f[0]).sort();
  const up = rows.filter((f) => f[0] !== 'lo' && (Number(f[1]) & 1) === 1).map((f) => f[0]);
  return { all, up };
}

const namespaceOf = async (kit: CheckKit, name: string, kind: string) =>
  (await kit.exec(name, ['readlink', `/proc/self/ns/${kind}`])).stdout.trim();

const check = async (kit: CheckKit): Promise<CheckResult> => {
  const sharer = await runningContainer(
    kit,
    SHARER,
    `docker run -dti --name ${SHARER} --pid=host containerlings/busybox`,
  );
  if ('outcome' in sharer) return sharer;
  // The engine's host, wherever it runs (a VM on a laptop, a remote engine): ask it, not this process.
  const host = (
    await kit.run('containerlings/busybox', { cmd: ['readlink', '/proc/self/ns/pid'], pidMode: 'host', timeout: 20 })
  ).stdout.trim();
  const seen = await namespaceOf(kit, SHARER, 'pid');
  const evidence = {
    hostPidNamespace: host,
    [`${SHARER}PidNamespace`]: seen,
    pidMode: sharer.isolation.pidMode || 'private',
  };
  if (seen !== host) {
    const mode = sharer.isolation.pidMode;
    return kit.diagnose(
      mode.startsWith('container:') ? 'pid-of-another-container' : 'own-pid-namespace',
      mode.startsWith('container:')
        ? `${SHARER} shares the PID namespace of another container (${seen}), not the host's (${host}).`
        : `${SHARER} has a PID namespace of its own (${seen}); the host's is ${host}.`,
      `Namespaces are chosen when a container is created: remove it and run it again with --pid=host.`,
      evidence,
    );
  }

  const offline = await runningContainer(
    kit,
    OFFLINE,
    `docker run -dti --name ${OFFLINE} --network none containerlings/busybox`,
  );
  if ('outcome' in offline) return offline;
  const { all: interfaces, up } = await interfacesOf(kit, OFFLINE);
  const netEvidence = {
    ...evidence,
    networkMode: offline.isolation.networkMode,
    interfaces: interfaces.join(' ') || 'none',
    up: up.join(' ') || 'only lo',
  };
  if (!interfaces.includes('lo'))
    return {
      outcome: 'error',
      message: `Could not list the network interfaces in ${OFFLINE} (it needs sh and cat, as containerlings/busybox has).`,
      tryNext:
        `Run it from containerlings/busybox: docker rm -f ${OFFLINE}, ` +
        `then docker run -dti --name ${OFFLINE} --network none containerlings/busybox`,
      evidence: netEvidence,
    };
  if (offline.isolation.networkMode === 'host') {
    return kit.diagnose(
      'network-host',
      `${OFFLINE} shares the host's network namespace (--network host): it sees all of the host's interfaces (${interfaces.join(', ')}).`,
      `That is the opposite of no network. Remove it and run it again with --network none.`,
      netEvidence,
    );
  }
  if (offline.isolation.networkMode !== 'none' && up.length === 0) {
    // Only loopback now (disconnected, or sharing another container's empty namespace), but not by design.
    return kit.diagnose(
      'disconnected-afterwards',
      `${OFFLINE} has no interface up but the loopback lo right now, but its network mode is ` +
        `${offline.isolation.networkMode || 'default'}, not none: it was left without a network afterwards ` +
        '(or shares a namespace with another container), and the engine connects it again when the mode says so.',
      `Remove it and run it again with --network none, so it has no network by design.`,
      netEvidence,
    );
  }
  if (offline.isolation.networkMode !== 'none') {
    return kit.diagnose(
      'has-network',
      `${OFFLINE} has network mode ${offline.isolation.networkMode || 'default'} and the interfaces ` +
        `${up.join(', ')} up besides lo: it can reach a network.`,
      `Remove it and run it again with --network none, so that only the loopback interface lo is left.`,
      netEvidence,
    );
  }
  if (up.length > 0) {
    return kit.diagnose(
      'interfaces-added',
      `${OFFLINE} has network mode none, but interfaces were added to it and are up: ${up.join(', ')}.`,
      `Remove it and run it again with --network none, and add nothing to it.`,
      netEvidence,
    );
  }
  return kit.pass(
    `${SHARER} lives in the host's PID namespace (${host}), and ${OFFLINE} has a network namespace with nothing up but lo.`,
    { ...netEvidence, offlineNetNamespace: await namespaceOf(kit, OFFLINE, 'net') },
  );
};
export default check;
