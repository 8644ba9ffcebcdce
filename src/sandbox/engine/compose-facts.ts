// Reads a Compose project from the engine's labels, and replaces or kills a container the way Compose, a scheduler
// or a crash does.
import { projectFilter, SERVICE_LABEL } from './compose.js';
import { onEngine, type Engine } from './connection.js';
import { containerFacts } from './facts.js';
import type { ComposeProjectFacts } from './types.js';
import type { ContainerFacts } from './types.js';

export async function composeProjectFacts(engine: Engine, project: string): Promise<ComposeProjectFacts | undefined> {
  return onEngine(engine, async () => {
    const filters = projectFilter(project);
    const listed = await engine.docker.listContainers({ all: true, filters });
    if (listed.length === 0) return undefined;
    const services: Record<string, ContainerFacts[]> = {};
    for (const c of listed) {
      const facts = await containerFacts(engine, c.Id);
      if (!facts) continue; // removed while we looked
      const service = c.Labels[SERVICE_LABEL] ?? '';
      (services[service] ??= []).push(facts);
    }
    const networks = (await engine.docker.listNetworks({ filters })).map((n) => n.Name);
    const volumes = ((await engine.docker.listVolumes({ filters })).Volumes ?? []).map((v) => v.Name);
    return { name: project, services, networks, volumes };
  });
}

/**
 * Removes the container with its anonymous volumes (named volumes stay, which is the point), then creates it
 * again from its own inspect data: same name, image, settings, labels, networks and aliases.
 */
export async function recreateContainer(engine: Engine, name: string): Promise<ContainerFacts> {
  return onEngine(engine, async () => {
    const old = await engine.docker.getContainer(name).inspect();
    const networks = Object.entries(old.NetworkSettings?.Networks ?? {}).map(([net, ep]) => ({
      net,
      // The old container's own short id is one of its aliases; the new one gets its own.
      aliases: ((ep.Aliases ?? []) as string[]).filter((a) => !old.Id.startsWith(a)),
    }));
    await engine.docker.getContainer(old.Id).remove({ force: true, v: true });
    const [first, ...rest] = networks;
    const created = await engine.docker.createContainer({
      ...old.Config,
      name: old.Name.replace(/^\//, ''),
      HostConfig: old.HostConfig,
      NetworkingConfig: first ? { EndpointsConfig: { [first.net]: { Aliases: first.aliases } } } : undefined,
    });
    for (const n of rest)
      await engine.docker.getNetwork(n.net).connect({ Container: created.id, EndpointConfig: { Aliases: n.aliases } });
    await created.start();
    const facts = await containerFacts(engine, created.id);
    if (!facts) throw new Error(`${name} disappeared right after it was recreated`);
    return facts;
  });
}

/** Kills the container with SIGKILL, as a crash would, and waits until it has stopped. */
export async function killContainer(engine: Engine, name: string): Promise<void> {
  return onEngine(engine, async () => {
    const container = engine.docker.getContainer(name);
    await container.kill({ signal: 'SIGKILL' });
    await container.wait();
  });
}
