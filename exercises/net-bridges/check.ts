// net-bridges: two user-defined bridge networks; cl-net-web on the front one, cl-net-db on the back one, cl-net-api
// on both. Judged from inside the containers: who resolves whose name, and who reaches whose address.
import type { CheckKit, CheckResult, ContainerFacts, Evidence } from 'containerlings/kit';

const FRONT = 'cl-net-front';
const BACK = 'cl-net-back';
const WEB = 'cl-net-web';
const API = 'cl-net-api';
const DB = 'cl-net-db';
const RUN: Record<string, string> = {
  [WEB]: `docker run -dti --name ${WEB} --network ${FRONT} containerlings/busybox`,
  [DB]: `docker run -dti --name ${DB} --network ${BACK} containerlings/busybox`,
  [API]: `docker run -dti --name ${API} --network ${FRONT} containerlings/busybox && docker network connect ${BACK} ${API}`,
};
const networksOf = (c: ContainerFacts) => c.networks.map((n) => n.name);
/** The network a container joins without --network: Docker's bridge, Podman's podman. Neither has name DNS. */
const isDefault = (network: string) => network === 'bridge' || network === 'podman';
const listed = (c: ContainerFacts) => networksOf(c).join(', ') || 'none';

/** Docker's embedded DNS server, which answers container names on user-defined networks only. */
const EMBEDDED_DNS = '127.0.0.11';

async function ownNetwork(kit: CheckKit, name: string): Promise<CheckResult | undefined> {
  const n = await kit.network(name);
  if (!n) return kit.fail(`There is no network named ${name}.`, `Create it: docker network create ${name}`);
  if (n.driver !== 'bridge')
    return kit.fail(
      `${name} uses the ${n.driver} driver, not bridge.`,
      `Remove it and create it again: docker network rm ${name}; docker network create ${name}`,
    );
  if (!kit.since(n.created))
    return kit.fail(
      `${name} was created before you started this exercise.`,
      `Remove it (docker network rm ${name}) and create it again.`,
    );
  return undefined;
}

async function runningContainer(kit: CheckKit, name: string): Promise<ContainerFacts | CheckResult> {
  const c = await kit.container(name);
  if (!c) return kit.fail(`There is no container named ${name}.`, `Start it: ${RUN[name]}`);
  if (!c.running)
    return kit.fail(
      `${name} is not running (${c.status}).`,
      `Keep sh waiting with -dti. Remove it (docker rm -f ${name}) and run: ${RUN[name]}`,
    );
  if (!kit.since(c.created))
    return kit.fail(`${name} was created before you started this exercise.`, `Remove it and run: ${RUN[name]}`);
  return c;
}

/**
 * The addresses `from` gets for `to`'s name: from /etc/hosts (where --link writes), then from the engine's own DNS for
 * the networks the two share: Docker's embedded server (127.0.0.11), or Podman's per-network server, which listens
 * on the network's gateway inside its subnet. The default bridge's resolver sends every name to the host's DNS
 * servers: the check never asks those.
 */
async function resolve(
  kit: CheckKit,
  from: ContainerFacts,
  to: ContainerFacts,
): Promise<{ addresses: string[]; how: string }> {
  const name = to.name;
  const files = (await kit.exec(from.name, ['cat', '/etc/hosts', '/etc/resolv.conf'])).stdout;
  const hosts = files
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => /^\d+\.\d+\.\d+\.\d+$/.test(f[0]) && f.slice(1).includes(name))
    .map((f) => f[0]);
  if (hosts.length > 0) return { addresses: hosts, how: '/etc/hosts' };
  const nameservers = [...files.matchAll(/^nameserver\s+(\S+)/gm)].map((m) => m[1]!);
  const shared = networksOf(from).filter((n) => !isDefault(n) && networksOf(to).includes(n));
  if (!shared.length) return { addresses: [], how: 'no user-defined network in common' };
  const subnets = (await Promise.all(shared.map(async (n) => (await kit.network(n))?.subnets ?? []))).flat();
  const servers = nameservers.filter((s) => s === EMBEDDED_DNS || subnets.some((net) => inSubnet(s, net)));
  if (!servers.length) return { addresses: [], how: `no network DNS (resolver ${nameservers.join(', ') || 'none'})` };
  for (const server of servers) {
    const answer = (await kit.exec(from.name, ['nslookup', '-type=a', name, server])).stdout;
    const after = answer.slice(answer.indexOf('Name:'));
    const addresses = answer.includes('Name:')
      ? [...after.matchAll(/Address:\s*(\d+\.\d+\.\d+\.\d+)/g)].map((m) => m[1]!)
      : [];
    if (addresses.length) return { addresses, how: `the network's DNS at ${server}` };
  }
  return { addresses: [], how: `the network's DNS at ${servers.join(', ')}` };
}

/** Whether the IPv4 address lies in the subnet (a.b.c.d/n). */
function inSubnet(address: string, subnet: string): boolean {
  const [base, bits] = subnet.split('/');
  const number = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(address) || !base || !/^\d+\.\d+\.\d+\.\d+$/.test(base)) return false;
  const size = 2 ** (32 - Number(bits ?? 32));
  return Math.floor(number(address) / size) === Math.floor(number(base) / size);
}

/** True when `from` gets an echo reply from `address` (two tries: the first may wait for ARP). */
async function reaches(kit: CheckKit, from: string, address: string): Promise<boolean> {
  for (let tries = 0; tries < 2; tries++) {
    if ((await kit.exec(from, ['ping', '-c', '1', '-W', '2', address])).exitCode === 0) return true;
  }
  return false;
}

const check = async (kit: CheckKit): Promise<CheckResult> => {
  for (const name of [FRONT, BACK]) {
    const problem = await ownNetwork(kit, name);
    if (problem) return problem;
  }
  const found: Record<string, ContainerFacts> = {};
  for (const name of [WEB, API, DB]) {
    const c = await runningContainer(kit, name);
    if ('outcome' in c) return c;
    found[name] = c;
  }
  const [web, api, db] = [found[WEB], found[API], found[DB]];
  const evidence: Evidence = { [WEB]: listed(web), [API]: listed(api), [DB]: listed(db) };

  // Names first: the front end and the database must each find the API by name, and reach it.
  for (const [from, fromFacts] of [
    [WEB, web],
    [DB, db],
  ] as const) {
    const found = await resolve(kit, fromFacts, api);
    evidence[`${from}Resolves${API}`] = found.addresses.join(' ') || `no (${found.how})`;
    if (found.addresses.length === 0) {
      if (networksOf(fromFacts).every(isDefault)) {
        return kit.diagnose(
          'default-bridge',
          `${from} cannot resolve the name ${API}: it is on the default bridge (${listed(fromFacts)}), ` +
            'which gives containers no DNS for each other’s names.',
          `Remove it and start it on a user-defined network: ${RUN[from]}`,
          evidence,
        );
      }
      const shared = networksOf(fromFacts).filter((n) => networksOf(api).includes(n));
      if (shared.length === 0)
        return kit.diagnose(
          'no-gateway',
          `${from} (on ${listed(fromFacts)}) cannot resolve ${API} (on ${listed(api)}): they share no network.`,
          `${API} must be on both ${FRONT} and ${BACK}: docker network connect <the missing one> ${API}`,
          evidence,
        );
      return kit.fail(
        `${from} cannot resolve ${API}, although both are on ${shared.join(', ')}.`,
        `Try it yourself: docker exec ${from} nslookup ${API}`,
        evidence,
      );
    }
    if (!(await reaches(kit, from, found.addresses[0])))
      return kit.fail(
        `${from} resolves ${API} to ${found.addresses[0]} but gets no answer from it.`,
        `Try it yourself: docker exec ${from} ping -c1 ${API}`,
        evidence,
      );
  }

  // Isolation: the front end and the database must not reach each other at any address.
  for (const [from, to] of [
    [web, db],
    [db, web],
  ]) {
    for (const n of to.networks.filter((n) => n.ipv4)) {
      if (await reaches(kit, from.name, n.ipv4)) {
        const shared = networksOf(from).filter((x) => networksOf(to).includes(x));
        return kit.diagnose(
          'not-isolated',
          `${from.name} reaches ${to.name} directly (at ${n.ipv4} on ${n.name})` +
            (shared.length ? `: both are on ${shared.join(', ')}.` : '.'),
          `Put ${WEB} only on ${FRONT} and ${DB} only on ${BACK}; only ${API} joins both.`,
          { ...evidence, [`${from.name}Reaches`]: `${to.name} ${n.ipv4}` },
        );
      }
    }
  }

  // The gateway: the API finds and reaches both sides by name.
  for (const to of [web, db]) {
    const found = await resolve(kit, api, to);
    evidence[`${API}Resolves${to.name}`] = found.addresses.join(' ') || `no (${found.how})`;
    if (found.addresses.length === 0 || !(await reaches(kit, API, found.addresses[0])))
      return kit.diagnose(
        'no-gateway',
        `${API} (on ${listed(api)}) cannot ${found.addresses.length ? 'reach' : 'resolve'} ${to.name} (on ${listed(to)}).`,
        `${API} must be on both ${FRONT} and ${BACK}: docker network connect <the missing one> ${API}`,
        evidence,
      );
  }
  return kit.pass(
    `${WEB} and ${DB} each reach ${API} by name, ${API} reaches both, and ${WEB} and ${DB} cannot reach each other.`,
    evidence,
  );
};
export default check;
