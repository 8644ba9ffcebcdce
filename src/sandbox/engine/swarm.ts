// Swarm mode on the learner's engine: who created the swarm, removing our services, and leaving only our swarm.
// A swarm containerlings initialises is recorded on its own node, as the node label SANDBOX_LABEL=<workspace id>
// (exercises' setup.sh adds it right after `docker swarm init`). A swarm the learner had before never carries
// it, so it is reused and never left; and a swarm the learner makes later is a new node without the label.
import { isNotFound, onEngine, SANDBOX_LABEL, type Engine } from './connection.js';

export type LocalNodeState = 'inactive' | 'pending' | 'active' | 'error' | 'locked';

export interface SwarmState {
  readonly state: LocalNodeState;
  readonly nodeId: string;
  readonly clusterId: string;
  readonly isManager: boolean;
}

export async function swarmState(engine: Engine): Promise<SwarmState> {
  return onEngine(engine, async () => {
    const info = (await engine.docker.info()) as {
      Swarm?: { LocalNodeState?: string; NodeID?: string; ControlAvailable?: boolean; Cluster?: { ID?: string } };
    };
    const swarm = info.Swarm ?? {};
    return {
      state: (swarm.LocalNodeState || 'inactive') as LocalNodeState,
      nodeId: swarm.NodeID ?? '',
      clusterId: swarm.Cluster?.ID ?? '',
      isManager: Boolean(swarm.ControlAvailable),
    };
  });
}

/** The workspace id recorded on the local node when containerlings initialised this swarm; undefined otherwise. */
export async function swarmCreatedBy(engine: Engine): Promise<string | undefined> {
  const state = await swarmState(engine);
  if (state.state !== 'active' || !state.isManager) return undefined;
  const node = (await onEngine(engine, () => engine.docker.getNode(state.nodeId).inspect())) as {
    Spec?: { Labels?: Record<string, string> };
  };
  return node.Spec?.Labels?.[SANDBOX_LABEL];
}

/**
 * Removes label keys an exercise had the learner put on the local node, but only from a node containerlings
 * initialised (it carries SANDBOX_LABEL, for any workspace): on a swarm the learner had before, a `zone` label
 * may be theirs, so it is never touched. Our own ownership label is never removed here. Returns the keys removed.
 */
export async function removeNodeLabelsIfOurs(engine: Engine, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0 || (await swarmCreatedBy(engine)) === undefined) return [];
  const { nodeId } = await swarmState(engine);
  return onEngine(engine, async () => {
    const node = (await engine.docker.getNode(nodeId).inspect()) as {
      Version: { Index: number };
      Spec: { Labels?: Record<string, string> };
    };
    const labels = { ...(node.Spec.Labels ?? {}) };
    const removed = keys.filter((k) => k !== SANDBOX_LABEL && k in labels);
    if (removed.length === 0) return [];
    for (const key of removed) delete labels[key];
    await engine.docker
      .getNode(nodeId)
      .update({ _query: { version: node.Version.Index }, _body: { ...node.Spec, Labels: labels } });
    return removed;
  });
}

async function managerOrNothing<T>(engine: Engine, none: T, work: () => Promise<T>): Promise<T> {
  const state = await swarmState(engine);
  if (state.state !== 'active' || !state.isManager) return none;
  return onEngine(engine, work);
}

/** Waits (bounded) until no container of the service is left, so its networks and images can be removed. */
async function waitForTaskContainersGone(engine: Engine, service: string, timeoutMs = 30_000): Promise<void> {
  const filters = JSON.stringify({ label: [`com.docker.swarm.service.name=${service}`] });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const left = await engine.docker.listContainers({ all: true, filters });
    if (left.length === 0) return;
    // The scheduler stops them itself; removing the stopped ones speeds it up and leaves nothing behind.
    for (const c of left)
      if (c.State !== 'running')
        await engine.docker
          .getContainer(c.Id)
          .remove({ force: true, v: true })
          .catch(() => undefined);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Removes services by name; returns the names removed. Nothing happens outside swarm mode. */
export async function removeServices(engine: Engine, names: readonly string[]): Promise<string[]> {
  return managerOrNothing(engine, [] as string[], async () => {
    const removed: string[] = [];
    for (const name of names) {
      try {
        await engine.docker.getService(name).remove();
        removed.push(name);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
      await waitForTaskContainersGone(engine, name);
    }
    return removed;
  });
}

/** Names of the services carrying our label for a workspace (or any workspace). */
export async function labelledServices(engine: Engine, workspaceId?: string): Promise<string[]> {
  return managerOrNothing(engine, [] as string[], async () => {
    const filters = JSON.stringify({ label: [workspaceId ? `${SANDBOX_LABEL}=${workspaceId}` : SANDBOX_LABEL] });
    const services = (await engine.docker.listServices({ filters })) as { Spec?: { Name?: string } }[];
    return services.map((s) => s.Spec?.Name ?? '').filter(Boolean);
  });
}

/**
 * Leaves swarm mode only when containerlings initialised this swarm for the workspace (any workspace when
 * workspaceId is undefined). A swarm the learner already had is never left. Returns true when it left.
 */
export async function leaveSwarmIfOurs(engine: Engine, workspaceId?: string): Promise<boolean> {
  const createdBy = await swarmCreatedBy(engine);
  if (createdBy === undefined || (workspaceId !== undefined && createdBy !== workspaceId)) return false;
  await onEngine(engine, () => engine.docker.swarmLeave({ force: true }));
  // `swarm init` made docker_gwbridge for this swarm; with the swarm gone, nothing uses it.
  await engine.docker
    .getNetwork('docker_gwbridge')
    .remove()
    .catch(() => undefined);
  return true;
}
