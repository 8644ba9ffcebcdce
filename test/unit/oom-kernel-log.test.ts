// The kernel's record of an OOM kill, matched to a container by the full id in its memory cgroup's path. The
// Podman line was recorded on this machine (Podman 4.3, cgroupfs, cgroup v1); the others are the paths Docker
// (cgroup v1 and v2 with systemd) and Podman (systemd) give a container's cgroup.
import { describe, expect, it } from 'vitest';
import { containerEventsIn, oomKillsIn } from '../../src/sandbox/engine/oom.js';

const id = 'bf7b5b5cdbcb633a89689bb4e424d989fa6f9b0ae25c30ef4905839934fd88f6';
const other = 'a'.repeat(64);
const line = (memcg: string, task = 'tail', pid = 18129) =>
  `[ 1410.579183] oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=x,mems_allowed=0,` +
  `oom_memcg=${memcg},task_memcg=${memcg},task=${task},pid=${pid},uid=0`;

describe('oomKillsIn', () => {
  it("finds the kill in the container's cgroup, whichever engine and cgroup layout named it", () => {
    for (const memcg of [
      `/libpod_parent/libpod-${id}`,
      `/docker/${id}`,
      `/system.slice/docker-${id}.scope`,
      `/machine.slice/libpod-${id}.scope`,
    ]) {
      expect(
        oomKillsIn(
          `noise\n${line(memcg)}\n[ 1410.579235] Memory cgroup out of memory: Killed process 18129 (tail)`,
          id,
        ),
      ).toEqual([{ task: 'tail', pid: 18129 }]);
    }
  });

  it('ignores kills in other containers, and a log without the id; an id that is not a full id matches nothing', () => {
    expect(oomKillsIn(line(`/docker/${other}`), id)).toEqual([]);
    expect(oomKillsIn('[ 1.0] Killed process 1 (init)', id)).toEqual([]);
    expect(oomKillsIn(line(`/docker/${id}`), id.slice(0, 12))).toEqual([]);
  });
});

describe('containerEventsIn', () => {
  const event = (Action: string, Attributes: Record<string, string> = {}) =>
    JSON.stringify({ Type: 'container', Action, status: Action, Actor: { ID: id, Attributes } });

  it('sees an OOM the engine recorded (State.OOMKilled may still be false), and a log that reaches back to the creation', () => {
    const log = [event('create'), event('start'), event('oom'), event('die', { exitCode: '137' })].join('\n');
    expect(containerEventsIn(log)).toEqual({ complete: true, oom: true, killSignals: [] });
  });

  it('sees the signals of docker kill and docker stop, and a log cut short before the creation', () => {
    const log = [event('kill', { signal: '15' }), event('kill', { signal: '9' }), event('die')].join('\n');
    expect(containerEventsIn(log)).toEqual({ complete: false, oom: false, killSignals: ['15', '9'] });
    expect(containerEventsIn('')).toEqual({ complete: false, oom: false, killSignals: [] });
  });
});
