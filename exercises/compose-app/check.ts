// compose-app: the cl-shop project runs web, api and store; the store has a health check that reports healthy and
// the api waits for it (depends_on with condition service_healthy); a note saved through the front end survives
// the store's container being replaced.
import type { Check, CheckKit, ContainerFacts } from 'containerlings/kit';

const PROJECT = 'cl-shop';
const SERVICES = ['web', 'api', 'store'] as const;

const check: Check = async (kit) => {
  const project = await kit.composeProject(PROJECT);
  if (!project)
    return kit.fail(
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
    return kit.fail(
      `${PROJECT} has no running container for ${missing.join(', ')}.`,
      `./compose ps shows each service's state, and ./compose logs ${missing[0]} why one stopped. Then ./compose up -d --build.`,
      evidence,
    );
  }
  const web = running.web;
  const binding = web.ports.find((p) => p.containerPort === '8080/tcp' && p.hostPort > 0);
  if (!binding || !binding.hostIp.startsWith('127.')) {
    return kit.fail(
      binding
        ? `web's port 8080 is published on ${binding.hostIp || '0.0.0.0'}, which anyone on your network can reach.`
        : "web's port 8080 is not published, so nothing on your machine leads to the front end.",
      'Under web, add ports: - "127.0.0.1:8080:8080", then ./compose up -d.',
      evidence,
    );
  }
  const store = running.store;
  if (store.healthcheck.length === 0 || store.healthcheck[0] === 'NONE') {
    return kit.fail(
      "The store's container has no health check, so Compose cannot tell when it is ready to answer.",
      'Under store, add healthcheck: test: ["CMD", "wget", "-qO-", "http://127.0.0.1:9000/ping"], interval: 2s; then ./compose up -d.',
      evidence,
    );
  }
  const health = await kit.health(store.name, 30);
  if (health.status !== 'healthy') {
    return kit.fail(
      `The store's health check reports "${health.status}", not healthy. ` +
        `Its last probe said: ${health.lastOutput.slice(0, 120) || '(nothing)'}`,
      'Ask the store itself: test: ["CMD", "wget", "-qO-", "http://127.0.0.1:9000/ping"].',
      { ...evidence, health: health.status },
    );
  }
  const condition = await storeCondition(kit, running.api);
  if (condition !== 'service_healthy') {
    return kit.fail(
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
    return kit.fail(
      `Saving a note through the front end failed: it answered "${saved}".`,
      endpointHint(saved, running.api),
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
    return kit.fail(
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

/**
 * The condition on which api waits for store: service_started for a plain list, undefined when it does not wait.
 * Compose v2 records it on the container (label com.docker.compose.depends_on: "store:service_healthy:false");
 * Compose v1 records nothing, so then it is read from the project's Compose file, named by another label.
 */
async function storeCondition(kit: CheckKit, api: ContainerFacts): Promise<string | undefined> {
  const label = api.labels['com.docker.compose.depends_on'];
  if (label !== undefined) {
    const entry = label.split(',').find((e) => e.split(':')[0] === 'store');
    return entry ? (entry.split(':')[1] ?? 'service_started') : undefined;
  }
  const configured = api.labels['com.docker.compose.project.config_files']?.split(',')[0]?.split('/').pop();
  const file = (await kit.yaml(configured || 'docker-compose.yml')) as {
    services?: { api?: { depends_on?: string[] | Record<string, { condition?: string } | null> } };
  };
  const deps = file?.services?.api?.depends_on;
  if (Array.isArray(deps)) return deps.includes('store') ? 'service_started' : undefined;
  if (deps && 'store' in deps) return deps.store?.condition ?? 'service_started';
  return undefined;
}

async function ask(kit: CheckKit, url: string): Promise<string> {
  const answer = await kit.http(url);
  return answer.status === 0 ? answer.body : answer.body.trim();
}

function endpointHint(answer: string, api: ContainerFacts): string {
  const url = api.env.STORE_URL;
  if (!url)
    return 'The API does not know where the store is: set STORE_URL under api, environment (the host is the service name, store).';
  if (/localhost|127\.0\.0\.1/.test(url))
    return `STORE_URL is ${url}, but inside the API's container localhost is the API itself. Use the store's service name: http://store:9000.`;
  if (!/\/\/store[:/]/.test(url))
    return (
      `STORE_URL is ${url}. On the project's network a service is found by its service name (store), ` +
      'not by its image or container name.'
    );
  return `Look at ./compose logs api and ./compose logs store (${answer.slice(0, 80)}).`;
}

export default check;
