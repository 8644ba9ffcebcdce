// Removes what containerlings created: resources carrying our label, or named by an exercise. Nothing else.
import type { Resources } from '../lessons/schema.js';
import { isNotFound, onEngine, SANDBOX_LABEL, type Engine } from './engine/connection.js';
import { removeComposeProject } from './engine/compose.js';
import { labelledServices, leaveSwarmIfOurs, removeNodeLabelsIfOurs, removeServices } from './engine/swarm.js';

export interface Removed {
  readonly removed: string[];
  /** Resources that exist but could not be removed (in use, ...), with the engine's reason. */
  readonly kept: string[];
}

async function attempt(what: string, work: () => Promise<unknown>, out: Removed) {
  try {
    await work();
    out.removed.push(what);
  } catch (e) {
    // Swarm-scoped networks can vanish between listing and removal; the engine then says "not found" with a 500.
    if (isNotFound(e) || /not found/i.test(String((e as { json?: { message?: string } }).json?.message ?? ''))) return;
    out.kept.push(`${what}: ${(e as { json?: { message?: string } }).json?.message ?? (e as Error).message}`);
  }
}

/**
 * Removes exactly the resources an exercise declares, containers first so their images can go. Services and
 * Compose projects go before containers; node labels go from a swarm containerlings initialised. Swarm mode itself
 * stays: the exercise needs it and its setup.sh would only initialise it again (`removeLabelled`, that is
 * `sandbox clean`, leaves a swarm containerlings initialised).
 */
export async function removeDeclared(engine: Engine, resources: Resources): Promise<Removed> {
  const out: Removed = { removed: [], kept: [] };
  const { docker } = engine;
  for (const name of await removeServices(engine, resources.services ?? [])) out.removed.push(`service ${name}`);
  for (const project of resources.composeProjects ?? []) {
    const gone = await removeComposeProject(engine, project);
    out.removed.push(...gone.removed);
    out.kept.push(...gone.kept);
  }
  await onEngine(engine, async () => {
    for (const name of resources.containers)
      await attempt(`container ${name}`, () => docker.getContainer(name).remove({ force: true, v: true }), out);
    for (const ref of resources.images) await attempt(`image ${ref}`, () => docker.getImage(ref).remove(), out);
    for (const name of resources.networks)
      await attempt(`network ${name}`, () => docker.getNetwork(name).remove(), out);
    for (const name of resources.volumes) await attempt(`volume ${name}`, () => docker.getVolume(name).remove(), out);
  });
  // Registry repositories (local registry and ECR endpoint, or real ECR): imported only when declared.
  if (resources.repositories?.length) {
    const { removeRepository } = await import('./aws/repositories.js');
    for (const name of resources.repositories) {
      try {
        if (await removeRepository(name)) out.removed.push(`repository ${name}`);
      } catch (e) {
        out.kept.push(`repository ${name}: ${(e as Error).message}`);
      }
    }
  }
  for (const key of await removeNodeLabelsIfOurs(engine, resources.nodeLabels ?? []))
    out.removed.push(`node label ${key}`);
  return out;
}

/** Lists what carries our label for a workspace (or for any workspace when id is undefined). */
export async function listLabelled(engine: Engine, workspaceId?: string) {
  const filters = JSON.stringify({ label: [workspaceId ? `${SANDBOX_LABEL}=${workspaceId}` : SANDBOX_LABEL] });
  return onEngine(engine, async () => ({
    containers: await engine.docker.listContainers({ all: true, filters }),
    images: await engine.docker.listImages({ filters }),
    networks: await engine.docker.listNetworks({ filters }),
    volumes: (await engine.docker.listVolumes({ filters })).Volumes ?? [],
  }));
}

/** Removes everything labelled for the workspace (or every workspace). Base images from the catalog stay. */
export async function removeLabelled(engine: Engine, workspaceId?: string): Promise<Removed> {
  const out: Removed = { removed: [], kept: [] };
  // Labelled services first: their task containers carry no label of ours, and hold networks and images.
  for (const name of await removeServices(engine, await labelledServices(engine, workspaceId)))
    out.removed.push(`service ${name}`);
  const found = await listLabelled(engine, workspaceId);
  const { docker } = engine;
  for (const c of found.containers)
    await attempt(
      `container ${c.Names[0]?.replace(/^\//, '') ?? c.Id}`,
      () => docker.getContainer(c.Id).remove({ force: true, v: true }),
      out,
    );
  for (const i of found.images)
    await attempt(`image ${i.RepoTags?.[0] ?? i.Id}`, () => docker.getImage(i.Id).remove({ force: true }), out);
  for (const n of found.networks) await attempt(`network ${n.Name}`, () => docker.getNetwork(n.Id).remove(), out);
  for (const v of found.volumes) await attempt(`volume ${v.Name}`, () => docker.getVolume(v.Name).remove(), out);
  if (await leaveSwarmIfOurs(engine, workspaceId)) out.removed.push('swarm mode (containerlings had initialised it)');
  return out;
}

/** Ids of the engine's untagged images now: what an attempt's build leaves must be told from what was there. */
export async function danglingImages(engine: Engine): Promise<Set<string>> {
  const filters = JSON.stringify({ dangling: ['true'] });
  return onEngine(engine, async () => new Set((await engine.docker.listImages({ filters })).map((i) => i.Id)));
}

/**
 * Removes untagged images that appeared since `before` was taken and were created after `sinceMs`: the build stages
 * a self-test attempt's multi-stage build left (the classic builder keeps each stage as an untagged image, about
 * 325 MB with the toolchain). Never forced, so an image in use or with children stays.
 */
export async function removeNewDangling(engine: Engine, before: Set<string>, sinceMs: number): Promise<Removed> {
  const out: Removed = { removed: [], kept: [] };
  const filters = JSON.stringify({ dangling: ['true'] });
  const now = await onEngine(engine, () => engine.docker.listImages({ filters }));
  for (const image of now.filter((i) => !before.has(i.Id) && i.Created * 1000 >= sinceMs - 1000))
    await attempt(`image ${image.Id.slice(7, 19)}`, () => engine.docker.getImage(image.Id).remove(), out);
  return out;
}
