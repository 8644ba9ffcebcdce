// The engine profile from /version and /info: fixtures captured from the two real engines of this machine (Docker
// 20.10 and Podman 4.3), and a Docker Desktop 27 written from the documented fields. Then the rule table that
// marks lessons unavailable on an engine, and how those skips count in the self-test.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { familiarRef } from '../../src/sandbox/engine/facts.js';
import { okWithSkips } from '../../src/authoring/selftest-skips.js';
import {
  describeEngine,
  isRemoteEndpoint,
  profileFrom,
  type InfoJson,
  type VersionJson,
} from '../../src/sandbox/engine/profile.js';
import { engineUnavailable, unavailableLessons } from '../../src/sandbox/engine/availability.js';

const captured = (name: string): { version: VersionJson; info: InfoJson } =>
  JSON.parse(readFileSync(new URL(`../fixtures/engines/${name}.json`, import.meta.url), 'utf8'));

// Docker Desktop 4.x with Engine 27 on a Mac, rootless off, cgroup v2: the fields Docker documents for /version and /info.
const desktop = {
  version: {
    Platform: { Name: 'Docker Desktop 4.34.0 (165256)' },
    Components: [
      { Name: 'Engine', Version: '27.2.0' },
      { Name: 'containerd', Version: '1.7.20' },
    ],
    Version: '27.2.0',
    ApiVersion: '1.47',
  },
  info: {
    OperatingSystem: 'Docker Desktop',
    CgroupVersion: '2',
    RegistryConfig: { InsecureRegistryCIDRs: ['127.0.0.0/8'] },
    SecurityOptions: ['name=seccomp,profile=unconfined', 'name=cgroupns'],
    Swarm: { LocalNodeState: 'inactive' },
  },
};

describe('profileFrom', () => {
  it('Docker 20.10 (captured): Docker Engine, the legacy builder by default, cgroup v1, rootful, swarm', () => {
    const { version, info } = captured('docker-20.10');
    const p = profileFrom(version, info, {});
    expect(p).toEqual({
      kind: 'docker-engine',
      name: 'Docker Engine',
      version: '20.10.24+dfsg1',
      apiVersion: '1.41',
      builder: 'legacy',
      cgroupVersion: '1',
      rootless: false,
      swarm: true,
      loopbackRegistry: true,
      remote: false,
      loopback: 'unknown',
      ourLoopback: 'unknown',
      hostFiles: 'unknown',
    });
    expect(profileFrom(version, info, { DOCKER_BUILDKIT: '1' }).builder).toBe('buildkit');
  });

  it('Podman 4.3 (captured): Podman, buildah whatever DOCKER_BUILDKIT says, no swarm mode although /info has a Swarm section', () => {
    const { version, info } = captured('podman-4.3');
    expect(info.Swarm).toBeDefined();
    const p = profileFrom(version, info, { DOCKER_BUILDKIT: '1' });
    expect(p).toEqual({
      kind: 'podman',
      name: 'Podman',
      version: '4.3.1',
      apiVersion: '1.41',
      builder: 'buildah',
      cgroupVersion: '1',
      rootless: false,
      swarm: false,
      loopbackRegistry: false,
      remote: false,
      loopback: 'unknown',
      ourLoopback: 'unknown',
      hostFiles: 'unknown',
    });
    expect(describeEngine(p)).toBe('Podman 4.3.1 (API 1.41)');
    expect(
      profileFrom(version, { ...info, SecurityOptions: ['name=seccomp,profile=default', 'name=rootless'] }).rootless,
    ).toBe(true);
  });

  it('Docker Desktop 27 (documented fields): BuildKit unless DOCKER_BUILDKIT=0, cgroup v2', () => {
    expect(profileFrom(desktop.version, desktop.info, {})).toMatchObject({
      kind: 'docker-desktop',
      name: 'Docker Desktop',
      version: '27.2.0',
      apiVersion: '1.47',
      builder: 'buildkit',
      cgroupVersion: '2',
      rootless: false,
      swarm: true,
      loopbackRegistry: true,
    });
    expect(profileFrom(desktop.version, desktop.info, { DOCKER_BUILDKIT: '0' }).builder).toBe('legacy');
  });

  it('Docker Engine 23 and later builds with BuildKit by default; a rootless one says so in SecurityOptions', () => {
    const p = profileFrom(
      { Components: [{ Name: 'Engine' }], Version: '27.3.1', ApiVersion: '1.47' },
      {
        CgroupVersion: '2',
        SecurityOptions: ['name=seccomp,profile=builtin', 'name=rootless', 'name=cgroupns'],
        Swarm: {},
      },
      {},
    );
    expect(p).toMatchObject({ kind: 'docker-engine', builder: 'buildkit', rootless: true, cgroupVersion: '2' });
  });

  it('an engine that says little: other, with what it calls itself; cgroups unknown', () => {
    expect(profileFrom({ Platform: { Name: 'SomeEngine' }, Version: '1.0' }, {}, {})).toMatchObject({
      kind: 'other',
      name: 'SomeEngine',
      cgroupVersion: 'unknown',
      swarm: false,
      apiVersion: 'unknown',
    });
  });
});

describe('an engine on another machine', () => {
  const { version, info } = captured('docker-20.10');

  it('tcp:// and ssh:// to another host are remote; a local socket or loopback TCP is not', () => {
    for (const e of ['tcp://10.231.0.2:2375', 'ssh://me@build-box', 'tcp://engine.example:2376'])
      expect(isRemoteEndpoint(e), e).toBe(true);
    for (const e of [
      'unix:///var/run/docker.sock',
      'tcp://127.0.0.1:2375',
      'tcp://localhost:2375',
      'ssh://me@localhost',
      'npipe:////./pipe/docker_engine',
      '',
    ])
      expect(isRemoteEndpoint(e), e).toBe(false);
  });

  it('neither shares our loopback nor sees our files, before any probe', () => {
    expect(profileFrom(version, info, {}, 'tcp://10.231.0.2:2375')).toMatchObject({
      remote: true,
      loopback: 'unreachable',
      ourLoopback: 'unreachable',
      hostFiles: 'unshared',
    });
  });

  it('cannot run the registry lessons nor an exercise that bind-mounts the workspace; a local engine can', () => {
    const remote = profileFrom(version, info, {}, 'tcp://10.231.0.2:2375');
    const needs = [
      { id: 'registries', needs: ['docker', 'registry'] },
      { id: 'run-flags', needs: ['host-files'] },
      { id: 'namespaces', needs: ['docker'] },
    ];
    const out = engineUnavailable(needs, remote);
    expect([...out.keys()]).toEqual(['registries', 'run-flags']);
    expect(out.get('registries')?.reason).toMatch(
      /listen on this machine's 127\.0\.0\.1, and Docker Engine runs on another machine/,
    );
    expect(out.get('run-flags')?.reason).toMatch(/does not see your files/);
    expect(engineUnavailable(needs, profileFrom(version, info, {}, 'unix:///var/run/docker.sock')).size).toBe(0);
  });

  it('a probe that found a VM which does not see our files rules out the bind-mount exercise only', () => {
    const vm = { ...profileFrom(version, info, {}, 'unix:///var/run/docker.sock'), hostFiles: 'unshared' as const };
    expect([
      ...engineUnavailable(
        [
          { id: 'run-flags', needs: ['host-files'] },
          { id: 'registries', needs: ['registry'] },
        ],
        vm,
      ).keys(),
    ]).toEqual(['run-flags']);
  });

  it('the probes rule out name DNS and port requests only when they found them missing; unprobed, both run', () => {
    const exercises = [
      { id: 'net-bridges', needs: ['container-dns'] },
      { id: 'net-publish', needs: ['port-requests'] },
    ];
    const podman = profileFrom(captured('podman-4.3').version, captured('podman-4.3').info);
    expect(engineUnavailable(exercises, podman).size).toBe(0);
    const probed = engineUnavailable(exercises, { ...podman, containerDns: true, portRequests: false });
    expect([...probed.keys()]).toEqual(['net-publish']);
    expect(probed.get('net-publish')).toMatchObject({ expected: true, engine: 'Podman 4.3.1' });
    expect(probed.get('net-publish')!.reason).toMatch(/records the host port it picked/);
    const noDns = engineUnavailable(exercises, { ...podman, containerDns: false, portRequests: true });
    expect([...noDns.keys()]).toEqual(['net-bridges']);
    expect(noDns.get('net-bridges')!.reason).toMatch(/do not find each other by name/);
  });
});

describe('lessons an engine cannot run', () => {
  const lessons = [
    { id: 'layers', needs: ['docker'] },
    { id: 'swarm', needs: ['docker', 'swarm'] },
    { id: 'ecs', needs: ['docker', 'swarm'] },
  ];

  it('swarm lessons are unavailable on Podman, with the reason; nothing is on Docker', () => {
    const podman = engineUnavailable(lessons, profileFrom(captured('podman-4.3').version, captured('podman-4.3').info));
    expect([...podman.keys()]).toEqual(['swarm', 'ecs']);
    const registries = engineUnavailable(
      [{ id: 'registries', needs: ['docker', 'registry'] }],
      profileFrom(captured('podman-4.3').version, captured('podman-4.3').info),
    );
    expect(registries.get('registries')?.reason).toMatch(
      /^Podman pushes only over HTTPS to the sandbox registry on 127\.0\.0\.1/,
    );
    expect(podman.get('swarm')).toEqual({
      reason: 'Podman has no swarm mode, which this lesson runs on (Docker Engine and Docker Desktop have it)',
      expected: true,
      engine: 'Podman 4.3.1',
    });
    expect(
      engineUnavailable(lessons, profileFrom(captured('docker-20.10').version, captured('docker-20.10').info)).size,
    ).toBe(0);
  });

  it('a new rule is one row of the table', () => {
    const rule = { need: 'aws' as const, has: () => false, reason: () => 'the engine cannot reach 127.0.0.1 here' };
    const p = profileFrom(captured('docker-20.10').version, captured('docker-20.10').info);
    expect([...engineUnavailable([{ id: 'ecr', needs: ['docker', 'aws'] }], p, [rule]).keys()]).toEqual(['ecr']);
  });

  it('the engine is asked only when a lesson needs a capability of the table', async () => {
    let asked = 0;
    const profile = async () => (asked++, profileFrom(captured('podman-4.3').version, captured('podman-4.3').info));
    expect((await unavailableLessons([{ id: 'layers', needs: ['docker'] }], profile)).size).toBe(0);
    expect(asked).toBe(0);
    expect([...(await unavailableLessons(lessons, profile)).keys()]).toEqual(['swarm', 'ecs']);
    expect(asked).toBe(1);
  });

  it('a skip because the engine cannot do it by design keeps the self-test green, like "no cluster"', () => {
    const engineSkip = {
      exercise: 'swarm-desired',
      lesson: 'swarm',
      reason: 'r',
      noCluster: false,
      engine: 'Podman 4.3.1',
    };
    expect(okWithSkips(true, [engineSkip])).toBe(true);
    expect(
      okWithSkips(true, [engineSkip, { exercise: 'k8s', lesson: 'kubernetes', reason: 'r', noCluster: false }]),
    ).toBe(false);
    expect(okWithSkips(false, [engineSkip])).toBe(false);
  });
});

describe('familiarRef', () => {
  it('names images as Docker prints them, whichever engine answered', () => {
    expect(familiarRef('docker.io/containerlings/lean-svc:1.0')).toBe('containerlings/lean-svc:1.0');
    expect(familiarRef('docker.io/library/busybox:latest')).toBe('busybox:latest');
    expect(familiarRef('containerlings/web:1.0')).toBe('containerlings/web:1.0');
    expect(familiarRef('127.0.0.1:5000/docker.io/x:1')).toBe('127.0.0.1:5000/docker.io/x:1');
  });
});
