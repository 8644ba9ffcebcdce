// compose-scale: the cl-scale project runs three healthy copies of api behind one web; the health probe really asks
// the API (run where no server listens, it fails); web waits for api to be healthy; requests through web's port are
// answered by more than one copy, and still answered after the check kills the copy that answered.
import type { Check, CheckKit, ContainerFacts } from 'containerlings/kit';

const PROJECT = 'cl-scale';
const REPLICAS = 3;
/** Requests through the front end: enough that Docker's DNS, which shuffles the copies' addresses, reaches two. */
const ASKS = 12;

const check: Check = async (kit) => {
  const project = await kit.composeProject(PROJECT);
  if (!project)
    return kit.fail(
      `There is no Compose project ${PROJECT} on the engine.`,
      'In the compose-scale folder, run ./compose up -d --build --scale api=3 (.env names the project cl-scale).',
    );
  const apis = project.services.api ?? [];
  const running = apis.filter((c) => c.running);
  const evidence: Record<string, string | number> = {
    apiContainers: apis.length,
    apiRunning: running.length,
    services: Object.keys(project.services).sort().join(' '),
  };
  if (running.length < REPLICAS) {
    const published = running.flatMap((c) => c.ports.filter((p) => p.hostPort > 0));
    if (apis.length >= REPLICAS && published.length) {
      return kit.diagnose(
        'port-blocks-scale',
        `${apis.length} api containers exist but only ${running.length} runs: api publishes host port ` +
          `${published[0].hostIp}:${published[0].hostPort}, and only one container on a machine can hold it.`,
        'Remove ports: from api (web reaches it on the project network, which needs no published port), then ' +
          './compose up -d --scale api=3.',
        evidence,
      );
    }
    return kit.diagnose(
      'too-few-replicas',
      `${PROJECT} runs ${running.length} ${running.length === 1 ? 'copy' : 'copies'} of api; the task asks for ${REPLICAS}.`,
      `Start three: ./compose up -d --build --scale api=${REPLICAS}. ./compose ps lists them, and ./compose logs api ` +
        'says why one stopped.',
      evidence,
    );
  }
  const probeVerdict = await judgeProbe(kit, running, evidence);
  if (probeVerdict) return probeVerdict;

  const web = (project.services.web ?? []).find((c) => c.running);
  if (!web)
    return kit.fail(
      `${PROJECT} has no running web container.`,
      './compose ps shows its state and ./compose logs web why it stopped; then ./compose up -d --scale api=3.',
      evidence,
    );
  const condition = await kit.composeDependsOn(web, 'api');
  evidence.dependsOn = condition ?? 'none';
  if (condition !== 'service_healthy') {
    return kit.diagnose(
      'not-waiting',
      condition
        ? `web depends on api with the condition ${condition}: Compose starts it as soon as api's containers ` +
            'exist, before any of them answers.'
        : 'web does not depend on api, so Compose may start it before any copy of the API answers.',
      'Under web: depends_on: api: condition: service_healthy (the long form of depends_on).',
      evidence,
    );
  }
  const binding = web.ports.find((p) => p.containerPort === '8080/tcp' && p.hostPort > 0);
  if (!binding || !binding.hostIp.startsWith('127.')) {
    return kit.fail(
      binding
        ? `web's port 8080 is published on ${binding.hostIp || '0.0.0.0'}, which anyone on your network can reach.`
        : "web's port 8080 is not published, so nothing on your machine leads to the front end.",
      'Under web: ports: - "127.0.0.1::8080" (or a fixed free port, such as 127.0.0.1:8080:8080).',
      evidence,
    );
  }
  const url = `http://127.0.0.1:${binding.hostPort}/cgi-bin/hello`;
  evidence.url = url;

  // Behind the front end: the copies that answer through web, by host name (a container's short id).
  const byHost = new Map(running.map((c) => [c.id.slice(0, 12), c]));
  const answered = new Set<string>();
  for (let i = 0; i < ASKS; i++) {
    const answer = await replica(kit, url);
    if (!answer.ok) {
      return kit.fail(
        `Asking through the front end failed: ${answer.text.slice(0, 160)}`,
        'web finds the API at $API_URL: use the service name, http://api:8000, and see ./compose logs web.',
        evidence,
      );
    }
    answered.add(answer.text);
  }
  evidence.answeredBy = [...answered].join(' ');
  if (answered.size < 2) {
    return kit.diagnose(
      'pinned-to-one-replica',
      `${ASKS} requests through web were all answered by the same copy of the API (${[...answered][0]}), ` +
        `with API_URL=${web.env.API_URL ?? '(unset)'}: the front end asks one container, not the service.`,
      'Name the service, not a container: API_URL: http://api:8000. On the project network the name api stands ' +
        'for every copy, and the engine hands out their addresses in turn.',
      evidence,
    );
  }
  // The loss of one copy: kill the one that answered last, as a crash would; the others must take over.
  const last = [...answered].pop() as string;
  const victim = byHost.get(last) ?? running[0];
  await kit.killContainer(victim.name);
  evidence.killed = victim.name;
  const after = new Set<string>();
  for (let i = 0; i < 4; i++) {
    const answer = await replica(kit, url);
    if (!answer.ok || answer.text === victim.id.slice(0, 12)) {
      return kit.diagnose(
        'lost-with-one-replica',
        `After the check killed ${victim.name}, a request through web failed: ${answer.text.slice(0, 160)}`,
        'The front end must reach the API by its service name (API_URL: http://api:8000), which leads only to ' +
          'copies that are alive.',
        evidence,
      );
    }
    after.add(answer.text);
  }
  evidence.answeredAfterKill = [...after].join(' ');
  return kit.pass(
    `${running.length} healthy copies of api answer behind web (${answered.size} of them answered), and the ` +
      `application kept answering after ${victim.name} was killed.`,
    evidence,
  );
};

/** A fail when the api containers' health check is missing, failing, or passes without a server; else undefined. */
async function judgeProbe(
  kit: CheckKit,
  running: readonly ContainerFacts[],
  evidence: Record<string, string | number>,
) {
  const probe = running[0].healthcheck;
  if (probe.length === 0 || probe[0] === 'NONE') {
    return kit.fail(
      "api's containers have no health check, so Compose cannot tell a copy that serves from one that only runs.",
      'Under api: healthcheck: test: ["CMD", "wget", "-qO-", "http://127.0.0.1:8000/cgi-bin/health"], interval: 2s.',
      evidence,
    );
  }
  for (const c of running) {
    const health = await kit.health(c.name, 30);
    if (health.status !== 'healthy') {
      evidence.health = `${c.name}: ${health.status}`;
      return kit.diagnose(
        'probe-fails',
        `${c.name} reports "${health.status}". Its last probe said: ${health.lastOutput.slice(0, 140) || '(nothing)'}`,
        `Run the probe yourself: ./compose exec api wget -qO- http://127.0.0.1:8000/cgi-bin/health; echo $?. ` +
          'Ask the port and path this copy of the API serves.',
        evidence,
      );
    }
  }
  // A probe that never asks the API (CMD true, `... || true`, a file test) says healthy while it does not serve:
  // run it in a throw-away container of the same image whose server was never started.
  const idle = (await kit.probeWithoutServer(running[0]))!;
  evidence.probeWithoutServer = idle.timedOut ? 'timed out' : `exit ${idle.exitCode}`;
  if (!idle.timedOut && idle.exitCode === 0) {
    return kit.diagnose(
      'probe-asks-nothing',
      `api's health check says healthy even where no server runs: in a container of the api image whose httpd ` +
        `was never started, its probe (${probe.slice(1).join(' ').slice(0, 100)}) exited 0.`,
      'Make the probe ask the API and fail when it does not answer: ' +
        'test: ["CMD", "wget", "-qO-", "http://127.0.0.1:8000/cgi-bin/health"].',
      evidence,
    );
  }
  return undefined;
}

/** Asks the front end once; `text` is the host name of the copy that answered, or what went wrong. */
async function replica(kit: CheckKit, url: string): Promise<{ ok: boolean; text: string }> {
  const answer = await kit.http(url);
  const body = answer.body.trim();
  const match = /^hello from api replica (\S+)$/.exec(body);
  return match ? { ok: true, text: match[1] } : { ok: false, text: body || `HTTP ${answer.status}` };
}

export default check;
