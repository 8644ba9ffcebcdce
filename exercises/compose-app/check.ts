// compose-app: the cl-shop project runs web, api and store; a note saved through the front end survives
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
  const store = running.store;
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
