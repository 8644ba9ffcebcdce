// Did the kernel's OOM killer end a process of this container? The engine says so in State.OOMKilled, but not
// every engine sees it: Podman 4.3 on cgroup v1 leaves it false when the killed process is not the container's
// first one. The kernel's log names the memory cgroup of every OOM kill, and a container's cgroup path holds its
// full id, so a line there is proof for exactly this container. Only an engine on this machine leaves it here.
import { execFile } from 'node:child_process';
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

export function oomKills(containerId: string): Promise<OomKills> {
  return new Promise((done) => {
    execFile('dmesg', [], { timeout: 5000, maxBuffer: 32 * 1024 * 1024 }, (error, stdout) => {
      if (error) done({ source: 'unreadable', killed: [] });
      else done({ source: 'kernel-log', killed: oomKillsIn(stdout, containerId) });
    });
  });
}
