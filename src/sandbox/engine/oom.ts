// Did the kernel's OOM killer end a process of this container? The engine says so in State.OOMKilled, but not
// every engine sees it: Podman 4.3 on cgroup v1 leaves it false when the killed process is not the container's
// first one, and Docker 20.10 leaves it false when the OOM reaches it after the exit (a race), though its event log
// records the OOM all the same. The kernel's log names the memory cgroup of every OOM kill, and a container's
// cgroup path holds its full id, so a line there is proof for exactly this container. Only an engine on this
// machine leaves it here.
import { run } from '../process.js';
import { withDeadline } from './deadline.js';
import { onEngine, type Engine } from './connection.js';
import type { ContainerEvents, OomKills } from './types.js';

/** The OOM kills in a kernel log whose memory cgroup is the container's (pure). */
export function oomKillsIn(log: string, containerId: string): OomKills['killed'] {
  if (!/^[0-9a-f]{64}$/.test(containerId)) return [];
  const out: { task: string; pid: number }[] = [];
  for (const line of log.split('\n')) {
    const fields = /oom-kill:.*\boom_memcg=([^,]*),.*\btask=([^,]*),pid=(\d+)/.exec(line);
    if (fields && fields[1].includes(containerId)) out.push({ task: fields[2], pid: Number(fields[3]) });
  }
  return out;
}

export async function oomKills(containerId: string): Promise<OomKills> {
  // No dmesg, or a kernel log only root may read: nothing to say either way.
  const ran = await run(['dmesg'], { timeoutMs: 5000 }).catch(() => undefined);
  if (ran?.code !== 0) return { source: 'unreadable', killed: [] };
  return { source: 'kernel-log', killed: oomKillsIn(ran.stdout, containerId) };
}

/** The events of one container in the engine's event log (JSON lines, as `docker events` reads them) (pure). */
export function containerEventsIn(log: string): ContainerEvents {
  const events = log
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map(
      (line) =>
        JSON.parse(line) as { Action?: string; status?: string; Actor?: { Attributes?: Record<string, string> } },
    );
  const action = (e: (typeof events)[number]) => e.Action ?? e.status ?? '';
  return {
    complete: events.some((e) => action(e) === 'create'),
    oom: events.some((e) => action(e) === 'oom'),
    killSignals: events.filter((e) => action(e) === 'kill').map((e) => e.Actor?.Attributes?.signal ?? '?'),
  };
}

/** The engine's events for a container (by name or id) since its creation; undefined when it is gone or silent. */
export async function containerEvents(engine: Engine, container: string): Promise<ContainerEvents | undefined> {
  try {
    return await onEngine(engine, async () => {
      const info = await engine.docker.getContainer(container).inspect();
      const since = Math.floor(new Date(info.Created).getTime() / 1000) - 1;
      const until = Math.ceil(Date.now() / 1000) + 1;
      const filters = JSON.stringify({ container: [info.Id] });
      return withDeadline(10_000, undefined, async (signal) => {
        const stream = (await engine.docker.getEvents({ since, until, filters } as object)) as NodeJS.ReadableStream & {
          destroy(): void;
        };
        signal.addEventListener('abort', () => stream.destroy(), { once: true });
        let log = '';
        for await (const chunk of stream) log += String(chunk);
        signal.throwIfAborted(); // a log cut short says nothing about what it missed
        return containerEventsIn(log);
      });
    });
  } catch {
    return undefined; // gone, an engine without an event log, or one that did not answer in time
  }
}
