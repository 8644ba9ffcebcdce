// Reads a Swarm service and its tasks into ServiceFacts; kills a task's container and waits for the scheduler.
import { isNotFound, onEngine, type Engine } from './connection.js';
import { envMap } from './facts.js';
import { swarmState } from './swarm.js';
import type { ServiceFacts, TaskFacts } from './types.js';

const NANO = 1e9;

// The fields of the engine's service and task JSON (GET /services/{id}, GET /tasks) read below; dockerode
// leaves both untyped.
interface ContainerSpec {
  Image?: string;
  Env?: string[];
}
interface PortConfig {
  TargetPort: number;
  PublishedPort?: number;
  Protocol?: string;
  PublishMode?: string;
}
interface ServiceSpec {
  Name: string;
  Labels?: Record<string, string>;
  Mode?: { Global?: object; Replicated?: { Replicas?: number } };
  TaskTemplate?: {
    ContainerSpec?: ContainerSpec;
    Networks?: { Target: string }[];
    Resources?: { Limits?: { NanoCPUs?: number; MemoryBytes?: number } };
    Placement?: { Constraints?: string[]; Preferences?: { Spread?: { SpreadDescriptor?: string } }[] };
  };
  UpdateConfig?: { Parallelism?: number; Delay?: number; FailureAction?: string; Order?: string };
  EndpointSpec?: { Ports?: PortConfig[] };
}
interface SwarmService {
  ID: string;
  CreatedAt: string;
  UpdatedAt: string;
  Spec?: ServiceSpec;
  PreviousSpec?: ServiceSpec;
  Endpoint?: { VirtualIPs?: { NetworkID: string; Addr?: string }[]; Ports?: PortConfig[] };
  UpdateStatus?: { State?: string };
}
interface SwarmTask {
  ID: string;
  Slot?: number;
  NodeID?: string;
  DesiredState?: string;
  Status?: { State?: string; Err?: string; ContainerStatus?: { ContainerID?: string } };
  Spec?: { ContainerSpec?: ContainerSpec };
}

const withoutDigest = (image: string | undefined) => (image ?? '').replace(/@sha256:[0-9a-f]+$/, '');

export async function serviceFacts(engine: Engine, name: string): Promise<ServiceFacts | undefined> {
  const swarm = await swarmState(engine);
  if (swarm.state !== 'active' || !swarm.isManager) return undefined;
  return onEngine(engine, async () => {
    let s: SwarmService;
    try {
      s = await engine.docker.getService(name).inspect();
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
    const spec = s.Spec ?? ({} as ServiceSpec);
    const container = spec.TaskTemplate?.ContainerSpec ?? {};
    const rawTasks = (await engine.docker.listTasks({ filters: JSON.stringify({ service: [s.ID] }) })) as SwarmTask[];
    const tasks: TaskFacts[] = rawTasks.map((t) => ({
      id: t.ID,
      slot: t.Slot ?? 0,
      state: t.Status?.State ?? '',
      desiredState: t.DesiredState ?? '',
      containerId: t.Status?.ContainerStatus?.ContainerID ?? '',
      nodeId: t.NodeID ?? '',
      image: withoutDigest(t.Spec?.ContainerSpec?.Image),
      error: t.Status?.Err ?? '',
    }));
    const networkNames = new Map<string, string>();
    for (const n of spec.TaskTemplate?.Networks ?? []) {
      const info = await engine.docker
        .getNetwork(n.Target)
        .inspect()
        .catch(() => undefined);
      networkNames.set(info?.Id ?? n.Target, info?.Name ?? n.Target);
    }
    const update = spec.UpdateConfig ?? {};
    const resources = spec.TaskTemplate?.Resources?.Limits ?? {};
    return {
      id: s.ID,
      name: spec.Name,
      image: withoutDigest(container.Image),
      mode: spec.Mode?.Global ? 'global' : 'replicated',
      replicas: spec.Mode?.Replicated?.Replicas ?? 0,
      running: tasks.filter((t) => t.state === 'running' && t.desiredState === 'running').length,
      tasks,
      env: envMap(container.Env),
      labels: spec.Labels ?? {},
      networks: [...networkNames.values()],
      vips: (s.Endpoint?.VirtualIPs ?? []).map((v) => ({
        network: networkNames.get(v.NetworkID) ?? v.NetworkID,
        address: String(v.Addr ?? '').split('/')[0],
      })),
      ports: (s.Endpoint?.Ports ?? spec.EndpointSpec?.Ports ?? []).map((p) => ({
        target: p.TargetPort,
        published: p.PublishedPort ?? 0,
        protocol: p.Protocol ?? 'tcp',
        mode: p.PublishMode ?? 'ingress',
      })),
      updateConfig: {
        parallelism: update.Parallelism ?? 1,
        delaySeconds: (update.Delay ?? 0) / NANO,
        failureAction: update.FailureAction ?? 'pause',
        order: update.Order ?? 'stop-first',
      },
      previousImage: s.PreviousSpec ? withoutDigest(s.PreviousSpec.TaskTemplate?.ContainerSpec?.Image) : undefined,
      updateState: s.UpdateStatus?.State,
      placement: {
        constraints: spec.TaskTemplate?.Placement?.Constraints ?? [],
        spreadOver: (spec.TaskTemplate?.Placement?.Preferences ?? [])
          .map((p) => p.Spread?.SpreadDescriptor)
          .filter(Boolean) as string[],
      },
      limits: { nanoCpus: resources.NanoCPUs ?? 0, memoryBytes: resources.MemoryBytes ?? 0 },
      createdAt: new Date(s.CreatedAt),
      updatedAt: new Date(s.UpdatedAt),
    } satisfies ServiceFacts;
  });
}

/** Kills one running task's container, as a crash would; the scheduler should notice and start a replacement. */
export async function killTask(engine: Engine, service: string): Promise<string | undefined> {
  const facts = await serviceFacts(engine, service);
  const victim = facts?.tasks.find((t) => t.state === 'running' && t.desiredState === 'running' && t.containerId);
  if (!victim) return undefined;
  await onEngine(engine, () =>
    engine.docker
      .getContainer(victim.containerId)
      .kill()
      .catch((e) => {
        if (!isNotFound(e)) throw e;
      }),
  );
  // Return once the scheduler has seen the task die, so that counting running tasks afterwards means something.
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const now = await serviceFacts(engine, service);
    const task = now?.tasks.find((t) => t.id === victim.id);
    if (!task || task.state !== 'running' || task.desiredState !== 'running') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return victim.id;
}

/** Polls until the service has `count` running tasks, or the time is up; returns the last facts seen. */
export async function waitForTasks(
  engine: Engine,
  service: string,
  count: number,
  timeoutSeconds = 30,
  signal?: AbortSignal,
): Promise<ServiceFacts | undefined> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const facts = await serviceFacts(engine, service);
    if (!facts || facts.running === count || Date.now() > deadline || signal?.aborted) return facts;
    await new Promise((r) => setTimeout(r, 300));
  }
}
