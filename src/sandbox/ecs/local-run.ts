// Runs an ECS task definition locally, as ECS would on a cluster, with Swarm as the scheduler: one service per
// family (cl-<family>), cpu/memory as limits, environment passed through, healthCheck as the task's health
// check. Swarm can only publish on every interface, so port mappings are served on 127.0.0.1 by a small
// forwarding container (cl-<family>-port) on the service's network, playing the load balancer's part.
import type { LocalTaskRun } from '../engine/types.js';
import { waitForTasks } from '../engine/service-facts.js';
import { isNotFound, onEngine, SANDBOX_LABEL, type Engine } from '../engine/connection.js';
import { removeServices, swarmState } from '../engine/swarm.js';
import { memoryBytes, nanoCpus } from './units.js';

const FORWARDER_IMAGE = 'containerlings/busybox';
const MiB = 1024 * 1024;

interface Container {
  name?: string;
  image?: string;
  cpu?: number;
  memory?: number;
  memoryReservation?: number;
  essential?: boolean;
  command?: string[];
  entryPoint?: string[];
  environment?: { name?: string; value?: string }[];
  portMappings?: { containerPort?: number; hostPort?: number }[];
  healthCheck?: { command: string[]; interval?: number; timeout?: number; retries?: number; startPeriod?: number };
  workingDirectory?: string;
  user?: string;
}

/** Names of what a family runs as locally; exercises declare them as resources. */
export const localNames = (family: string) => ({
  service: `cl-${family}`,
  network: `cl-${family}-net`,
  forwarder: `cl-${family}-port`,
});

export { memoryBytes, nanoCpus };

export async function runTaskDefinitionLocally(
  engine: Engine,
  workspaceId: string,
  definition: Readonly<Record<string, unknown>>,
  signal?: AbortSignal,
): Promise<LocalTaskRun> {
  const family = String(definition.family);
  const names = localNames(family);
  const containers = definition.containerDefinitions as Container[];
  const main = containers.find((c) => c.essential !== false) ?? containers[0];
  const swarm = await swarmState(engine);
  if (swarm.state !== 'active' || !swarm.isManager) {
    return {
      service: names.service,
      urls: [],
      problem:
        'The engine is not a swarm manager, so there is no scheduler to run the task definition. ' +
        'Reset the exercise: its setup turns swarm mode on.',
    };
  }
  const labels = { [SANDBOX_LABEL]: workspaceId, 'io.containerlings.ecs.family': family };
  const { docker } = engine;
  await removeServices(engine, [names.service]);
  await onEngine(engine, async () => {
    await docker
      .getContainer(names.forwarder)
      .remove({ force: true })
      .catch((e) => {
        if (!isNotFound(e)) throw e;
      });
    await docker
      .getNetwork(names.network)
      .remove()
      .catch((e) => {
        if (!isNotFound(e)) throw e;
      });
    await docker.createNetwork({ Name: names.network, Driver: 'overlay', Attachable: true, Labels: labels });
  });
  const limitMemory = memoryBytes(definition.memory as string | undefined) || (main.memory ?? 0) * MiB;
  const limitCpu = nanoCpus(definition.cpu as string | undefined) || nanoCpus(main.cpu || undefined);
  const health = main.healthCheck;
  await onEngine(engine, () =>
    docker.createService({
      Name: names.service,
      Labels: labels,
      TaskTemplate: {
        ContainerSpec: {
          Image: main.image,
          Command: main.entryPoint,
          Args: main.command,
          Env: (main.environment ?? []).map((e) => `${e.name}=${e.value ?? ''}`),
          Dir: main.workingDirectory,
          User: main.user,
          Labels: labels,
          HealthCheck: health
            ? {
                Test: health.command,
                Interval: (health.interval ?? 30) * 1e9,
                Timeout: (health.timeout ?? 5) * 1e9,
                Retries: health.retries ?? 3,
                StartPeriod: (health.startPeriod ?? 0) * 1e9,
              }
            : undefined,
        },
        Resources: { Limits: { NanoCPUs: limitCpu || undefined, MemoryBytes: limitMemory || undefined } },
        Networks: [{ Target: names.network, Aliases: [family] }],
        RestartPolicy: { Condition: 'any', MaxAttempts: 0 },
      },
      Mode: { Replicated: { Replicas: 1 } },
      // The forwarder resolves the family's name straight to the tasks: VIP balancing needs IPVS, which some VMs lack.
      EndpointSpec: { Mode: 'dnsrr' },
    } as never),
  );
  const facts = await waitForTasks(engine, names.service, 1, 45, signal);
  if (!facts || facts.running < 1) {
    const why = facts?.tasks.map((t) => t.error).filter(Boolean)[0];
    return {
      service: names.service,
      urls: [],
      problem: `No task of ${names.service} is running${why ? `: ${why}` : ''}.`,
    };
  }
  const ports = containers.flatMap((c) => c.portMappings ?? []).filter((p) => p.containerPort);
  if (ports.length === 0) return { service: names.service, urls: [] };
  const forward = ports
    .map((p) => `nc -ll -p ${p.containerPort} -e nc ${names.service} ${p.containerPort} &`)
    .join(' ');
  const created = await onEngine(engine, async () => {
    const c = await docker.createContainer({
      name: names.forwarder,
      Image: FORWARDER_IMAGE,
      Cmd: ['sh', '-c', `${forward} wait`],
      Labels: labels,
      ExposedPorts: Object.fromEntries(ports.map((p) => [`${p.containerPort}/tcp`, {}])),
      HostConfig: {
        NetworkMode: names.network,
        PortBindings: Object.fromEntries(
          ports.map((p) => [
            `${p.containerPort}/tcp`,
            [{ HostIp: '127.0.0.1', HostPort: p.hostPort ? String(p.hostPort) : '' }],
          ]),
        ),
        Memory: 32 * MiB,
        PidsLimit: 64,
      },
    });
    await c.start();
    return c.inspect();
  });
  const urls = ports.map((p) => {
    const bound = created.NetworkSettings.Ports?.[`${p.containerPort}/tcp`]?.[0];
    return `http://127.0.0.1:${bound?.HostPort ?? p.hostPort}`;
  });
  return { service: names.service, urls };
}
