// net-veth: in cl-net-lab (NET_ADMIN and SYS_ADMIN, not privileged), two named network namespaces red and blue
// joined by one veth pair: 10.200.0.1/24 in red, 10.200.0.2/24 in blue, both ends up, a route to the other side,
// and a ping from red reaching blue. Judged from inside, with ip's JSON output.
import type { CheckKit, CheckResult, Evidence } from 'containerlings/kit';

const LAB = 'cl-net-lab';
const IMAGE = 'containerlings/nettools:bookworm';
const RUN = `docker run -dti --name ${LAB} --cap-add NET_ADMIN --cap-add SYS_ADMIN ${IMAGE}`;
const SIDES = [
  { ns: 'red', address: '10.200.0.1', end: 'veth-red' },
  { ns: 'blue', address: '10.200.0.2', end: 'veth-blue' },
] as const;

interface Link {
  ifindex: number;
  ifname: string;
  flags?: string[];
  operstate?: string;
  link_index?: number;
  linkinfo?: { info_kind?: string };
  addr_info?: { family: string; local: string; prefixlen: number }[];
}
interface Route {
  dst: string;
  dev?: string;
}

/** Runs ip with -j in a namespace ('' for the container's own) and parses its JSON; undefined when it fails. */
async function ipJson<T>(kit: CheckKit, ns: string, args: string[]): Promise<T[] | undefined> {
  const run = await kit.exec(LAB, ['ip', '-j', ...(ns ? ['-n', ns] : []), ...args]);
  if (run.exitCode !== 0) return undefined;
  try {
    return JSON.parse(run.stdout || '[]') as T[];
  } catch {
    return undefined;
  }
}

const toNumber = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);

/** True when the route's destination (default, a.b.c.d, a.b.c.d/n) covers `ip`. */
function covers(dst: string, ip: string): boolean {
  if (dst === 'default') return true;
  const [net, bits = '32'] = dst.split('/');
  const size = 2 ** (32 - Number(bits));
  return Math.floor(toNumber(ip) / size) === Math.floor(toNumber(net) / size);
}

const vethsIn = async (kit: CheckKit, ns: string) =>
  ((await ipJson<Link>(kit, ns, ['-d', 'addr', 'show'])) ?? []).filter((l) => l.linkinfo?.info_kind === 'veth');

const check = async (kit: CheckKit): Promise<CheckResult> => {
  const c = await kit.container(LAB);
  if (!c) return kit.fail(`There is no container named ${LAB}.`, `Start it: ${RUN}`);
  if (c.isolation.privileged)
    return kit.fail(`${LAB} runs with --privileged, far more than ip netns needs.`, `Remove it and start it: ${RUN}`);
  if (!c.running) return kit.fail(`${LAB} is not running (${c.status}).`, `Remove it and start it: ${RUN}`);
  if (!kit.since(c.created))
    return kit.fail(`${LAB} was created before you started this exercise.`, `Remove it and start it: ${RUN}`);

  const list = await kit.exec(LAB, ['ip', 'netns', 'list']);
  if (list.exitCode !== 0)
    return kit.fail(
      `ip netns does not work in ${LAB}: ${(list.stderr || list.stdout).trim().slice(0, 160)}`,
      `Start the container from ${IMAGE}, which has iproute2: ${RUN}`,
    );
  const names = list.stdout.split('\n').map((l) => l.trim().split(/\s+/)[0]);
  const evidence: Evidence = { namespaces: names.filter(Boolean).join(' ') || 'none' };
  for (const { ns } of SIDES) {
    if (!names.includes(ns))
      return kit.fail(
        `${LAB} has no network namespace named ${ns}.`,
        `Create it: docker exec ${LAB} ip netns add ${ns}`,
        evidence,
      );
  }

  const ends: Link[] = [];
  for (const side of SIDES) {
    const veths = await vethsIn(kit, side.ns);
    evidence[`${side.ns}Veths`] = veths.map((l) => l.ifname).join(' ') || 'none';
    if (veths.length === 0) {
      const own = await vethsIn(kit, '');
      evidence.containerVeths = own.map((l) => l.ifname).join(' ') || 'none';
      if (own.length > 0)
        return kit.diagnose(
          'end-not-moved',
          `Namespace ${side.ns} has no veth interface, while the container's own namespace still holds ` +
            `${own.map((l) => l.ifname).join(', ')}: that end was never moved.`,
          `Move it: docker exec ${LAB} ip link set ${own[0].ifname} netns ${side.ns}, then set its address and bring it up.`,
          evidence,
        );
      return kit.fail(
        `Namespace ${side.ns} has no veth interface.`,
        `Make a pair and move one end into each namespace: ip link add veth-red type veth peer name veth-blue; ` +
          `ip link set veth-${side.ns} netns ${side.ns}`,
        evidence,
      );
    }
    const end = veths.find((l) => (l.addr_info ?? []).some((a) => a.family === 'inet' && a.local === side.address));
    if (!end)
      return kit.fail(
        `No veth interface in ${side.ns} has the address ${side.address}.`,
        `docker exec ${LAB} ip -n ${side.ns} addr add ${side.address}/24 dev ${veths[0].ifname}`,
        evidence,
      );
    const inet = end.addr_info?.find((a) => a.local === side.address);
    evidence[`${side.ns}End`] = `${end.ifname} ${side.address}/${inet?.prefixlen} ${end.operstate ?? ''}`.trim();
    if (!(end.flags ?? []).includes('UP'))
      return kit.diagnose(
        'link-down',
        `${end.ifname} in ${side.ns} is down: it carries nothing, and the kernel gives it no route.`,
        `Bring it up: docker exec ${LAB} ip -n ${side.ns} link set ${end.ifname} up`,
        evidence,
      );
    ends.push(end);
  }

  const [red, blue] = ends;
  if (red.link_index !== blue.ifindex || blue.link_index !== red.ifindex)
    return kit.fail(
      `${red.ifname} (in red) and ${blue.ifname} (in blue) are not the two ends of one veth pair.`,
      'Make one pair (ip link add veth-red type veth peer name veth-blue) and move one end into each namespace.',
      evidence,
    );

  for (const [i, side] of SIDES.entries()) {
    const other = SIDES[1 - i];
    const routes = (await ipJson<Route>(kit, side.ns, ['route', 'show'])) ?? [];
    evidence[`${side.ns}Routes`] = routes.map((r) => `${r.dst} dev ${r.dev ?? '?'}`).join('; ') || 'none';
    if (!routes.some((r) => covers(r.dst, other.address)))
      return kit.diagnose(
        'no-route',
        `Namespace ${side.ns} has no route to ${other.address}` +
          (ends[i].addr_info?.some((a) => a.local === side.address && a.prefixlen === 32)
            ? `: its address ${side.address} has no prefix, so it is a /32 that covers only itself.`
            : '.'),
        `Give the address its prefix: ip -n ${side.ns} addr flush dev ${ends[i].ifname}; ` +
          `ip -n ${side.ns} addr add ${side.address}/24 dev ${ends[i].ifname}`,
        evidence,
      );
  }

  const ping = await kit.exec(LAB, ['ip', 'netns', 'exec', 'red', 'ping', '-c', '1', '-W', '2', SIDES[1].address]);
  evidence.ping = ping.exitCode === 0 ? 'answered' : ((ping.stdout + ping.stderr).trim().split('\n').pop() ?? '');
  if (ping.exitCode !== 0)
    return kit.fail(
      `From red, ${SIDES[1].address} does not answer a ping.`,
      `Try it: docker exec ${LAB} ip netns exec red ping -c1 ${SIDES[1].address}; is ${red.ifname}'s peer ${blue.ifname} up?`,
      evidence,
    );
  return kit.pass(
    `red (${red.ifname}, ${SIDES[0].address}) and blue (${blue.ifname}, ${SIDES[1].address}) are joined by one veth ` +
      'pair, each has a route to the other, and a ping from red gets its answer.',
    evidence,
  );
};
export default check;
