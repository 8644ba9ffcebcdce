// k8s-desired-count: a Deployment cl-hello (3 replicas) and its Service in namespace cl-k8s; the ReplicaSet
// replaces a pod the check deletes; the Service has an endpoint on port 8080 for each ready pod. Everything is read
// through kubectl.
import type { Check, CheckKit } from 'containerlings/kit';

const NS = 'cl-k8s';
const NAME = 'cl-hello';
const DESIRED = 3;

// The fields of kubectl's JSON that this check reads.
interface Pod {
  metadata: { name: string; deletionTimestamp?: string };
}
interface Deployment {
  spec?: { replicas?: number; template?: { metadata?: { labels?: Record<string, string> } } };
  status?: { readyReplicas?: number };
}
interface Service {
  spec?: { selector?: Record<string, string>; ports?: { port: number }[] };
}
interface Endpoints {
  subsets?: { addresses?: { ip: string }[]; ports?: { port: number }[] }[];
}

async function get<T = unknown>(kit: CheckKit, ...what: string[]): Promise<T | undefined> {
  const out = await kit.kubectl(['-n', NS, 'get', ...what, '-o', 'json']);
  if (out.code !== 0) return undefined;
  return JSON.parse(out.stdout) as T;
}

const podNames = (pods: { items?: Pod[] } | undefined) =>
  new Set<string>((pods?.items ?? []).filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name));

const check: Check = async (kit) => {
  const deploy = await get<Deployment>(kit, 'deployment', NAME);
  if (!deploy) {
    const pod = await get(kit, 'pod', NAME);
    return pod
      ? kit.diagnose(
          'bare-pod',
          `${NAME} is a bare Pod: nothing keeps a count of it, so a deleted pod stays deleted.`,
          'Write a Deployment (apiVersion apps/v1, kind Deployment) instead, and kubectl delete pod cl-hello -n cl-k8s.',
        )
      : kit.diagnose(
          'no-deployment',
          `There is no Deployment ${NAME} in the namespace ${NS}.`,
          'kubectl apply -f k8s/ (with namespace.yaml first).',
        );
  }
  const want = deploy.spec?.replicas ?? 1;
  const evidence = { replicas: want, ready: deploy.status?.readyReplicas ?? 0 };
  if (want !== DESIRED)
    return kit.diagnose(
      'wrong-replicas',
      `${NAME} wants ${want} replicas, not ${DESIRED}.`,
      `kubectl -n ${NS} scale deployment ${NAME} --replicas=${DESIRED}, and change the file too.`,
      evidence,
    );
  if (evidence.ready !== DESIRED)
    return kit.diagnose(
      'pods-not-ready',
      `${NAME} has ${evidence.ready} of ${DESIRED} pods ready.`,
      `kubectl -n ${NS} get pods, and kubectl -n ${NS} describe pod ... for why (an image the cluster cannot find shows ErrImagePull).`,
      evidence,
    );
  const service = await get<Service>(kit, 'service', NAME);
  if (!service)
    return kit.diagnose(
      'no-service',
      `There is no Service ${NAME} in ${NS}.`,
      'Add a Service that selects app: cl-hello on port 8080.',
      evidence,
    );
  const selector: Record<string, string> = service.spec?.selector ?? {};
  const podLabels: Record<string, string> = deploy.spec?.template?.metadata?.labels ?? {};
  if (!Object.keys(selector).length || !Object.entries(selector).every(([k, v]) => podLabels[k] === v)) {
    return kit.diagnose(
      'selector-mismatch',
      `The Service's selector ${JSON.stringify(selector)} does not match the pods' labels ${JSON.stringify(podLabels)}.`,
      'Use the same label in both: app: cl-hello.',
      evidence,
    );
  }
  if (!(service.spec?.ports ?? []).some((p) => p.port === 8080))
    return kit.diagnose(
      'service-port',
      `The Service ${NAME} does not listen on port 8080.`,
      'ports: [{ port: 8080, targetPort: 8080 }]',
      evidence,
    );
  // The Service works only through its endpoints: one per ready pod, on the port the server listens on (8080).
  // The endpoints controller may lag a moment behind the pods' readiness: look for up to 10 s.
  let endpoints: Endpoints | undefined;
  let addresses: { ip: string }[] = [];
  for (let tries = 0; tries < 10 && addresses.length !== DESIRED && !kit.signal.aborted; tries++) {
    if (tries) await new Promise((r) => setTimeout(r, 1000));
    endpoints = await get<Endpoints>(kit, 'endpoints', NAME);
    addresses = (endpoints?.subsets ?? []).flatMap((s) => s.addresses ?? []);
  }
  const ports = (endpoints?.subsets ?? []).flatMap((s) => (s.ports ?? []).map((p) => p.port));
  if (addresses.length !== DESIRED)
    return kit.diagnose(
      'endpoints-missing',
      `The Service ${NAME} has ${addresses.length} endpoints, not one for each of the ${DESIRED} ready pods.`,
      `kubectl -n ${NS} get endpoints ${NAME}; its selector must match the pods' labels.`,
      { ...evidence, endpoints: addresses.length },
    );
  if (!ports.includes(8080))
    return kit.diagnose(
      'target-port',
      `The Service ${NAME} sends its traffic to port ${ports.join(', ') || '(none)'} of the pods, ` +
        'but the server in them listens on 8080.',
      "Set targetPort: 8080 under the Service's ports.",
      { ...evidence, endpointPorts: ports.join(' ') },
    );

  const before = podNames(
    await get(
      kit,
      'pods',
      '-l',
      Object.entries(selector)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    ),
  );
  const victim = [...before][0];
  if (!victim)
    return kit.diagnose(
      'pods-not-ready',
      'No pod of the Deployment was found to delete.',
      `kubectl -n ${NS} get pods --show-labels`,
      evidence,
    );
  await kit.kubectl(['-n', NS, 'delete', 'pod', victim, '--wait=false']);
  const deadline = Date.now() + 90_000;
  for (;;) {
    const now = await get<Deployment>(kit, 'deployment', NAME);
    const pods = podNames(
      await get(
        kit,
        'pods',
        '-l',
        Object.entries(selector)
          .map(([k, v]) => `${k}=${v}`)
          .join(','),
      ),
    );
    const fresh = [...pods].filter((p) => !before.has(p));
    if ((now?.status?.readyReplicas ?? 0) === DESIRED && fresh.length > 0 && !pods.has(victim)) {
      return kit.pass(
        `The Deployment replaced the deleted pod ${victim} with ${fresh[0]} and is back to ${DESIRED} ready.`,
        { ...evidence, deleted: victim, replacement: fresh[0]! },
      );
    }
    if (Date.now() > deadline || kit.signal.aborted)
      return kit.diagnose(
        'not-replaced',
        `After ${victim} was deleted, ${NAME} did not get back to ${DESIRED} ready pods within 90 s.`,
        `kubectl -n ${NS} get pods`,
        { ...evidence, deleted: victim },
      );
    await new Promise((r) => setTimeout(r, 1000));
  }
};

export default check;
