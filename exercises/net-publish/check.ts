// net-publish: cl-net-pub, from a containerlings/net-pub built in this attempt, publishes its HTTP port 8080 on the
// engine host's 127.0.0.1 at a port the engine chose, and its UDP port 9999 at 127.0.0.1:19999/udp, nothing on any
// other address. Judged by the bindings the engine made, then by probes sent from the engine host's own network.
import type { CheckKit, CheckResult, Evidence, PortBinding } from 'containerlings/kit';

const NAME = 'cl-net-pub';
const REPO = 'containerlings/net-pub';
const PROBE_IMAGE = 'containerlings/nettools:bookworm';
const UDP_HOST_PORT = 19999;
const RUN = `docker run -d --name ${NAME} -p 127.0.0.1::8080 -p 127.0.0.1:${UDP_HOST_PORT}:9999/udp ${REPO}`;

const isLoopback = (ip: string) => ip.startsWith('127.') || ip === '::1';
const show = (b: PortBinding) => `${b.hostIp || '*'}:${b.hostPort || '(any)'}->${b.containerPort}`;

/** What the engine's host gets back: an HTTP GET to the TCP port, and a datagram to the UDP port (nettools' socat). */
async function probe(kit: CheckKit, tcpPort: number): Promise<{ tcp: string; udp: string }> {
  const script =
    'for i in 1 2 3; do ' +
    `  tcp=$(printf 'GET / HTTP/1.0\\r\\n\\r\\n' | socat -t 3 -T 5 - TCP4:127.0.0.1:${tcpPort} 2>&1); ` +
    '  case "$tcp" in *hello*) break;; esac; sleep 1; ' +
    'done; ' +
    'for i in 1 2 3; do ' +
    `  udp=$(echo ping | socat -t 2 -T 3 - UDP4:127.0.0.1:${UDP_HOST_PORT} 2>&1); ` +
    '  case "$udp" in *pong*) break;; esac; ' +
    'done; ' +
    'printf "%s\\n--udp--\\n%s\\n" "$tcp" "$udp"';
  const run = await kit.run(PROBE_IMAGE, { cmd: ['sh', '-c', script], network: 'host', timeout: 40, memoryMb: 64 });
  const [tcp = '', udp = ''] = run.stdout.split('--udp--');
  return { tcp: tcp.trim(), udp: udp.trim() };
}

const check = async (kit: CheckKit): Promise<CheckResult> => {
  const c = await kit.container(NAME);
  if (!c) return kit.fail(`There is no container named ${NAME}.`, `Build the image, then start it: ${RUN}`);
  if (!c.running)
    return kit.fail(
      `${NAME} is not running (${c.status}): ${(await kit.logs(NAME, 3)).slice(0, 160)}`,
      `Remove it (docker rm -f ${NAME}) and start it again: ${RUN}`,
    );
  if (!kit.since(c.created))
    return kit.fail(`${NAME} was created before you started this exercise.`, `Remove it and start it again: ${RUN}`);
  const image = await kit.image(c.imageId);
  if (!image?.tags.some((t) => t.startsWith(`${REPO}:`)) || !kit.isNew(image))
    return kit.fail(
      `${NAME} does not run a ${REPO} image built in this exercise (it runs ${c.image}).`,
      `Build it in the exercise folder (docker build -t ${REPO} .), then start the container again: ${RUN}`,
    );

  const evidence: Evidence = {
    exposed: image.exposedPorts.join(' ') || 'none',
    published: c.ports.map(show).join(' ') || 'none',
    requested: c.requestedPorts.map(show).join(' ') || 'none',
  };
  if (c.isolation.networkMode === 'host')
    return kit.diagnose(
      'all-interfaces',
      `${NAME} runs on the host's network (--network host): its ports 8080 and 9999 are the host's own, open on ` +
        'every address, and nothing is published or chosen by the engine.',
      `Remove it and start it on its own network, publishing with -p: docker rm -f ${NAME}; ${RUN}`,
      { ...evidence, networkMode: 'host' },
    );
  if (c.ports.length === 0)
    return kit.diagnose(
      'expose-only',
      `${NAME} publishes no port. The image EXPOSEs ${image.exposedPorts.join(' and ') || 'nothing'}, but EXPOSE ` +
        'only documents a port: nothing outside the container can reach it.',
      `Publish with -p when you start it: docker rm -f ${NAME}; ${RUN}`,
      evidence,
    );
  const open = c.ports.filter((b) => !isLoopback(b.hostIp));
  if (open.length > 0)
    return kit.diagnose(
      'all-interfaces',
      `${NAME} publishes ${open.map(show).join(', ')}: on every address of the host, not only on its loopback. ` +
        '-P and -p without an address do that.',
      `Name the address in each -p: docker rm -f ${NAME}; ${RUN}`,
      evidence,
    );

  const web = c.ports.find((b) => b.containerPort === '8080/tcp');
  if (!web)
    return kit.fail(`${NAME} does not publish its web port 8080/tcp.`, `docker rm -f ${NAME}; ${RUN}`, evidence);
  const asked = c.requestedPorts.find((b) => b.containerPort === '8080/tcp');
  if (asked && asked.hostPort !== 0)
    return kit.diagnose(
      'fixed-port',
      `${NAME} publishes 8080/tcp on the host port you chose (${asked.hostPort}); the task asks for a port the engine ` +
        'chooses, which never clashes with another service.',
      `Leave the host port empty: docker rm -f ${NAME}; ${RUN}`,
      evidence,
    );
  const udp = c.ports.find((b) => b.containerPort === '9999/udp' && b.hostPort === UDP_HOST_PORT);
  if (!udp) {
    const tcpInstead = c.ports.find((b) => b.containerPort === '9999/tcp');
    if (tcpInstead)
      return kit.diagnose(
        'udp-as-tcp',
        `${NAME} publishes 9999/tcp (${show(tcpInstead)}), but the service answers on 9999/udp: ` +
          '-p publishes TCP unless it ends in /udp.',
        `docker rm -f ${NAME}; ${RUN}`,
        evidence,
      );
    return kit.fail(
      `${NAME} does not publish 9999/udp on 127.0.0.1:${UDP_HOST_PORT}.`,
      `docker rm -f ${NAME}; ${RUN}`,
      evidence,
    );
  }

  const seen = await probe(kit, web.hostPort);
  evidence.tcpAnswer = seen.tcp.split('\n').pop()?.slice(0, 80) || '(nothing)';
  evidence.udpAnswer = seen.udp.slice(0, 80) || '(nothing)';
  if (!seen.tcp.includes('hello from cl-net-pub'))
    return kit.fail(
      `From the engine's host, 127.0.0.1:${web.hostPort} (published for 8080/tcp) gives no answer from the service.`,
      `Look at docker logs ${NAME}, and try curl http://127.0.0.1:${web.hostPort}/ on the engine's host.`,
      evidence,
    );
  if (!seen.udp.includes('pong'))
    return kit.fail(
      `From the engine's host, a datagram to 127.0.0.1:${UDP_HOST_PORT}/udp gets no "pong" back.`,
      `Look at docker logs ${NAME}; the service answers on 9999/udp inside the container.`,
      evidence,
    );
  return kit.pass(
    `From the engine's host, 127.0.0.1:${web.hostPort} (chosen by the engine) answers HTTP and ` +
      `127.0.0.1:${UDP_HOST_PORT}/udp answers "pong"; nothing is published beyond loopback.`,
    evidence,
  );
};
export default check;
