// compose-app: the cl-shop project runs web, api and store; the store has a health check that reports healthy, whose
// probe fails where no store runs, and the api waits for it (depends_on with condition service_healthy); a note saved
// through the front end survives the store's container being replaced.
import type { Check, CheckKit, ContainerFacts } from 'containerlings/kit';

const PROJECT = 'cl-shop';
const SERVICES = ['web', 'api', 'store'] as const;

const check: Check = async (kit) => {
  const project = await kit.composeProject(PROJECT);
  if (!project)
    return kit.diagnose(
      'not-started',
      `There is no Compose project ${PROJECT} on the engine.`,
      'In the compose-app folder, run ./compose up -d --build (.env names the project cl-shop).',
    );
  const running: Record<string, ContainerFacts> = {};
  for (const name of SERVICES) {
    const found = (project.services[name] ?? []).find((c) => c.running);
    if (found) running[name] = found;
  }
  const missing = SERVICES.filter((s) => !running[s]);
  const evidence = {
    services: Object.keys(project.services).sort().join(' '),
    volumes: project.volumes.join(' ') || 'none',
  };
  if (missing.length) {
    return kit.diagnose(
      'service-not-running',
      `${PROJECT} has no running container for ${missing.join(', ')}.`,
      `./compose ps shows each service's state, and ./compose logs ${missing[0]} why one stopped. Then ./compose up -d --build.`,
      evidence,
    );
  }
  const web = running.web;
  const binding = web.ports.find((p) => p.containerPort === '8080/tcp' && p.hostPort > 0);
  if (!binding || !binding.hostIp.startsWith('127.')) {
    return kit.diagnose(
      binding ? 'port-not-on-loopback' : 'port-not-published',
      binding
        ? `web's port 8080 is published on ${binding.hostIp || '0.0.0.0'}, which anyone on your network can reach.`
        : "web's port 8080 is not published, so nothing on your machine leads to the front end.",
      'Under web, add ports: - "127.0.0.1:8080:8080", then ./compose up -d.',
      evidence,
    );
  }
  const store = running.store;
  if (store.healthcheck.length === 0 || store.healthcheck[0] === 'NONE') {
    return kit.diagnose(
      'no-healthcheck',
      "The store's container has no health check, so Compose cannot tell when it is ready to answer.",
      'Under store, add healthcheck: test: ["CMD", "wget", "-qO-", "http://127.0.0.1:9000/ping"], interval: 2s; then ./compose up -d.',
      evidence,
    );
  }
  const health = await kit.health(store.name, 30);
  if (health.status !== 'healthy') {
    return kit.diagnose(
      'store-not-healthy',
      `The store's health check reports "${health.status}", not healthy. ` +
        `Its last probe said: ${health.lastOutput.slice(0, 120) || '(nothing)'}`,
      'Ask the store itself: test: ["CMD", "wget", "-qO-", "http://127.0.0.1:9000/ping"].',
      { ...evidence, health: health.status },
    );
  }
  // A probe that passes without a server (CMD true, `... || true`) makes service_healthy mean nothing: run the store's
  // own probe in a throw-away container of its image, where the server was never started.
  const probe = store.healthcheck;
  const idle = await kit.probeWithoutServer(store);
  if (idle && !idle.timedOut && idle.exitCode === 0) {
    return kit.diagnose(
      'probe-asks-nothing',
      "The store's health check says healthy even when the store is not running: in a container of the store's " +
        `image where httpd was never started, its probe (${probe.slice(1).join(' ').slice(0, 120)}) exited 0.`,
      'Make the probe ask the store and fail when it does not answer: ' +
        'test: ["CMD", "wget", "-qO-", "http://127.0.0.1:9000/ping"].',
      { ...evidence, probeWithoutServer: `exit ${idle.exitCode}` },
    );
  }
  const condition = await kit.composeDependsOn(running.api, 'store');
  if (condition !== 'service_healthy') {
    return kit.diagnose(
      condition ? 'depends-on-started-only' : 'no-depends-on',
      condition
        ? `api depends on store with the condition ${condition}: it may start before the store answers.`
        : 'api does not depend on store, so Compose may start it before the store is there.',
      'Under api: depends_on: store: condition: service_healthy (the long form of depends_on).',
      { ...evidence, dependsOn: condition ?? 'none' },
    );
  }
  const base = `http://127.0.0.1:${binding.hostPort}/cgi-bin/notes`;
  const key = `k${Math.random().toString(36).slice(2, 10)}`;
  const value = `v${Math.random().toString(36).slice(2, 10)}`;
  const saved = await ask(kit, `${base}?key=${key}&value=${value}`);
  const seen = { ...evidence, url: base, key, value };
  if (saved !== value) {
    const why = endpoint(saved, running.api);
    return kit.diagnose(
      why.diagnosis,
      `Saving a note through the front end failed: it answered "${saved}".`,
      why.hint,
      { ...seen, answer: saved },
    );
  }
  const fresh = await kit.recreateContainer(store.name);
  const after = await ask(kit, `${base}?key=${key}`);
  const proof = {
    ...seen,
    storeBefore: store.id.slice(0, 12),
    storeAfter: fresh.id.slice(0, 12),
    afterRecreate: after,
  };
  if (after !== value) {
    const volume = store.mounts.find((m) => m.destination === '/data');
    return kit.diagnose(
      volume?.type === 'volume' ? 'anonymous-volume' : 'no-volume',
      `After the store's container was replaced, the note was gone (the API answered "${after}").`,
      volume?.type === 'volume'
        ? 'The store keeps notes in /data: make that a *named* volume ' +
            '(notes:/data, and a top-level volumes: section), not an anonymous one.'
        : "The store keeps notes in /data, which lives in the container's own layer and dies with it. " +
            'Put /data on a named volume: under store, volumes: - notes:/data, and a top-level volumes: section.',
      proof,
    );
  }
  return kit.pass(
    `The three services talk by name, and the note survived replacing the store's container (${proof.storeBefore} → ${proof.storeAfter}).`,
    proof,
  );
};

async function ask(kit: CheckKit, url: string): Promise<string> {
  const answer = await kit.http(url);
  return answer.status === 0 ? answer.body : answer.body.trim();
}

/** Why a note could not be saved, as far as the api's STORE_URL tells. */
function endpoint(answer: string, api: ContainerFacts): { diagnosis: string; hint: string } {
  const url = api.env.STORE_URL;
  if (!url)
    return {
      diagnosis: 'store-url-missing',
      hint: 'The API does not know where the store is: set STORE_URL under api, environment (the host is the service name, store).',
    };
  if (/localhost|127\.0\.0\.1/.test(url))
    return {
      diagnosis: 'store-url-localhost',
      hint: `STORE_URL is ${url}, but inside the API's container localhost is the API itself. Use the store's service name: http://store:9000.`,
    };
  if (!/\/\/store[:/]/.test(url))
    return {
      diagnosis: 'store-url-not-service-name',
      hint:
        `STORE_URL is ${url}. On the project's network a service is found by its service name (store), ` +
        'not by its image name.',
    };
  return {
    diagnosis: 'note-not-saved',
    hint: `Look at ./compose logs web, ./compose logs api and ./compose logs store (${answer.slice(0, 80)}).`,
  };
}

export default check;
