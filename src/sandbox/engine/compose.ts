// Compose projects on the engine: removing a project's containers, networks and volumes. Both Compose v1
// (`docker-compose`) and v2 (`docker compose`) label what they create with com.docker.compose.project, so the engine
// alone says what belongs to a project.
import { isNotFound, onEngine, type Engine } from './connection.js';

export const PROJECT_LABEL = 'com.docker.compose.project';
export const SERVICE_LABEL = 'com.docker.compose.service';

export function projectFilter(project: string, extra: string[] = []): string {
  return JSON.stringify({ label: [`${PROJECT_LABEL}=${project}`, ...extra] });
}

/** Removes a project's containers (with their anonymous volumes), then its networks and named volumes. */
export async function removeComposeProject(
  engine: Engine,
  project: string,
): Promise<{ removed: string[]; kept: string[] }> {
  const out = { removed: [] as string[], kept: [] as string[] };
  const { docker } = engine;
  const filters = projectFilter(project);
  const attempt = async (what: string, work: () => Promise<unknown>) => {
    try {
      await work();
      out.removed.push(what);
    } catch (e) {
      if (!isNotFound(e))
        out.kept.push(`${what}: ${(e as { json?: { message?: string } }).json?.message ?? (e as Error).message}`);
    }
  };
  await onEngine(engine, async () => {
    for (const c of await docker.listContainers({ all: true, filters })) {
      await attempt(`container ${c.Names[0]?.replace(/^\//, '') ?? c.Id}`, () =>
        docker.getContainer(c.Id).remove({ force: true, v: true }),
      );
    }
    for (const n of await docker.listNetworks({ filters }))
      await attempt(`network ${n.Name}`, () => docker.getNetwork(n.Id).remove());
    for (const v of (await docker.listVolumes({ filters })).Volumes ?? [])
      await attempt(`volume ${v.Name}`, () => docker.getVolume(v.Name).remove());
  });
  return out;
}
