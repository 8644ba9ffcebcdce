// Reads an image or a container from the engine into the small, typed facts that checks judge.
import type {
  ContainerFacts,
  ContainerIsolation,
  ContainerLimits,
  ImageFacts,
  NetworkFacts,
  PortBinding,
} from './types.js';
import { isNotFound, onEngine, type Engine } from './connection.js';

/** KEY=value entries (a container's or a service's Env) as a map. */
export function envMap(env: readonly string[] | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of env ?? []) {
    const at = entry.indexOf('=');
    if (at > 0) out[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return out;
}

function asList(value: string | string[] | null | undefined): string[] {
  if (value == null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * A reference as Docker prints it: Podman names every image in full ("docker.io/library/busybox:latest",
 * "docker.io/containerlings/web:1.0") where Docker says "busybox:latest" and "containerlings/web:1.0".
 */
export const familiarRef = (ref: string) => ref.replace(/^docker\.io\/(library\/)?/, '');

export async function imageFacts(engine: Engine, ref: string): Promise<ImageFacts | undefined> {
  return onEngine(engine, async () => {
    try {
      const info = await engine.docker.getImage(ref).inspect();
      const config = info.Config ?? ({} as typeof info.Config);
      return {
        id: info.Id,
        tags: (info.RepoTags ?? []).map(familiarRef),
        created: new Date(info.Created),
        lastTagged: lastTagTime(info as { Metadata?: { LastTagTime?: string } }),
        sizeBytes: info.Size,
        layers: info.RootFS?.Layers?.length ?? 0,
        user: config.User ?? '',
        workdir: config.WorkingDir ?? '',
        env: envMap(config.Env),
        cmd: asList(config.Cmd),
        entrypoint: asList(config.Entrypoint as string | string[] | null),
        exposedPorts: Object.keys(config.ExposedPorts ?? {}),
        labels: config.Labels ?? {},
        repoDigests: info.RepoDigests ?? [],
      };
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  });
}

/** Docker's time of the image's latest tag; Podman (and Docker for an image never tagged) say year 1 or nothing. */
function lastTagTime(info: { Metadata?: { LastTagTime?: string } }): Date | undefined {
  const time = info.Metadata?.LastTagTime ? new Date(info.Metadata.LastTagTime) : undefined;
  return time && time.getUTCFullYear() > 1970 ? time : undefined;
}

export async function containerFacts(engine: Engine, name: string): Promise<ContainerFacts | undefined> {
  return onEngine(engine, async () => {
    try {
      const info = await engine.docker.getContainer(name).inspect();
      const ports: PortBinding[] = [];
      for (const [containerPort, bindings] of Object.entries(info.NetworkSettings?.Ports ?? {})) {
        for (const b of bindings ?? []) ports.push({ containerPort, hostIp: b.HostIp, hostPort: Number(b.HostPort) });
      }
      const requestedPorts: PortBinding[] = [];
      for (const [containerPort, bindings] of Object.entries(info.HostConfig?.PortBindings ?? {}) as [
        string,
        { HostIp?: string; HostPort?: string }[] | null,
      ][]) {
        for (const b of bindings ?? [])
          requestedPorts.push({ containerPort, hostIp: b.HostIp ?? '', hostPort: Number(b.HostPort || 0) });
      }
      const networks = Object.entries(info.NetworkSettings?.Networks ?? {})
        .filter(([name]) => name !== 'host' && name !== 'none')
        .map(([name, n]) => ({ name, ipv4: n.IPAddress ?? '', aliases: n.Aliases ?? [] }));
      return {
        id: info.Id,
        name: info.Name.replace(/^\//, ''),
        image: familiarRef(info.Config.Image),
        imageId: info.Image,
        running: info.State.Running,
        status: info.State.Status,
        exitCode: info.State.ExitCode,
        oomKilled: info.State.OOMKilled,
        created: new Date(info.Created),
        env: envMap(info.Config.Env),
        ports,
        requestedPorts,
        networks,
        mounts: (info.Mounts ?? []).map((m) => ({
          type: m.Type ?? '',
          source: m.Source,
          destination: m.Destination,
          ...(m.Name ? { name: m.Name } : {}),
          rw: m.RW !== false,
        })),
        labels: info.Config.Labels ?? {},
        isolation: isolationOf(info.HostConfig),
        limits: limitsOf(info.HostConfig),
        healthcheck: (info.Config as { Healthcheck?: { Test?: string[] } }).Healthcheck?.Test ?? [],
      };
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  });
}

type HostConfig = Awaited<ReturnType<import('dockerode').Container['inspect']>>['HostConfig'];

const ONLY_WITH_ALL = ['SYS_MODULE', 'SYS_RAWIO', 'SYS_BOOT'];

function addsEveryCapability(capAdd: readonly string[]): boolean {
  const caps = new Set(capAdd.map((cap) => cap.toUpperCase().replace(/^CAP_/, '')));
  return caps.has('ALL') || ONLY_WITH_ALL.every((cap) => caps.has(cap));
}

function isolationOf(host: HostConfig): ContainerIsolation {
  return {
    pidMode: host.PidMode ?? '',
    networkMode: host.NetworkMode ?? '',
    utsMode: (host as { UTSMode?: string }).UTSMode ?? '',
    ipcMode: host.IpcMode ?? '',
    privileged: host.Privileged ?? false,
    capAdd: host.CapAdd ?? [],
    allCapabilities: addsEveryCapability(host.CapAdd ?? []),
    securityOpt: host.SecurityOpt ?? [],
  };
}

function limitsOf(host: HostConfig): ContainerLimits {
  return {
    memoryBytes: host.Memory ?? 0,
    memorySwapBytes: host.MemorySwap ?? 0,
    memoryReservationBytes: host.MemoryReservation ?? 0,
    nanoCpus: host.NanoCpus ?? 0,
    cpuQuota: host.CpuQuota ?? 0,
    cpuPeriod: host.CpuPeriod ?? 0,
    cpuShares: host.CpuShares ?? 0,
    pidsLimit: host.PidsLimit ?? 0,
  };
}

/** A network by name or id; undefined when there is none. */
export async function networkFacts(engine: Engine, name: string): Promise<NetworkFacts | undefined> {
  return onEngine(engine, async () => {
    try {
      const info = (await engine.docker.getNetwork(name).inspect()) as {
        Id: string;
        Name: string;
        Driver: string;
        Created: string;
        Internal?: boolean;
        IPAM?: { Config?: { Subnet?: string }[] | null };
        Containers?: Record<string, { Name?: string }> | null;
        Labels?: Record<string, string> | null;
      };
      return {
        id: info.Id,
        name: info.Name,
        driver: info.Driver,
        created: new Date(info.Created),
        internal: info.Internal ?? false,
        subnets: (info.IPAM?.Config ?? []).map((c) => c.Subnet ?? '').filter((s) => s && !s.includes(':')),
        containers: Object.values(info.Containers ?? {}).map((c) => c.Name ?? ''),
        labels: info.Labels ?? {},
      };
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  });
}
