// Did the kernel's OOM killer end a process of this container? The engine says so in State.OOMKilled, but not
// every engine sees it: Podman 4.3 on cgroup v1 leaves it false when the killed process is not the container's
// first one. The kernel's log names the memory cgroup of every OOM kill, and a container's cgroup path holds its
// full id, so a line there is proof for exactly this container. Only an engine on this machine leaves it here.
import { run } from '../process.js';
import type { OomKills } from './types.js';

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
