// What kind of engine the learner has, read once per process from its version and info: Docker Engine, Docker
// Desktop or Podman, the builder the docker CLI would use, the cgroup version, rootless or not, and swarm mode.
import { connect, onEngine, resolveEndpoint, type Engine } from './connection.js';
import { cachedAnswers, saveAnswers, type EngineAnswers } from './profile-cache.js';

export type EngineKind = 'docker-engine' | 'docker-desktop' | 'podman' | 'other';

export interface EngineProfile {
  readonly kind: EngineKind;
  /** In the learner's words: "Docker Engine", "Docker Desktop", "Podman", or what the engine calls itself. */
  readonly name: string;
  readonly version: string;
  readonly apiVersion: string;
  /** What `docker build` uses on this engine: BuildKit, the legacy builder, or Podman's buildah. */
  readonly builder: 'buildkit' | 'legacy' | 'buildah';
  readonly cgroupVersion: '1' | '2' | 'unknown';
  readonly rootless: boolean;
  /** Whether the engine has swarm mode (`docker swarm init`, services). Podman has none. */
  readonly swarm: boolean;
  /**
   * Whether the engine pushes to a plain-HTTP registry on 127.0.0.1 (the sandbox registry). Docker trusts
   * 127.0.0.0/8 by default; Podman insists on HTTPS unless registries.conf marks the registry insecure.
   */
  readonly loopbackRegistry: boolean;
  /** Whether the endpoint names another machine (tcp:// or ssh:// to a host that is not loopback). */
  readonly remote: boolean;
  /** Whether this machine reaches a port the engine publishes on its own 127.0.0.1 (kit.http goes around it if not). */
  readonly loopback: 'reachable' | 'unreachable' | 'unknown';
  /** Whether the engine reaches this machine's 127.0.0.1, where the sandbox registry and ECR endpoint listen. */
  readonly ourLoopback: 'reachable' | 'unreachable' | 'unknown';
  /** Whether the engine sees this machine's files, so that `-v "$PWD/notes:/notes"` mounts the workspace folder. */
  readonly hostFiles: 'shared' | 'unshared' | 'unknown';
  /** Set by the probes only: whether containers on a user-defined network resolve each other's names. */
  readonly containerDns?: boolean;
  /**
   * Set by the probes only: whether the engine keeps the host port a container asked for apart from the one it got
   * (Docker: HostConfig.PortBindings keeps "" for "pick one"; Podman 4 writes the port it picked there).
   */
  readonly portRequests?: boolean;
}

/** The parts of GET /version and GET /info the profile reads. */
export interface VersionJson {
  readonly Version?: string;
  readonly ApiVersion?: string;
  readonly Platform?: { readonly Name?: string };
  readonly Components?: readonly { readonly Name?: string; readonly Version?: string }[];
}
export interface InfoJson {
  readonly OperatingSystem?: string;
  readonly CgroupVersion?: string;
  readonly SecurityOptions?: readonly string[] | null;
  readonly Swarm?: unknown;
  readonly ServerVersion?: string;
  readonly RegistryConfig?: {
    readonly InsecureRegistryCIDRs?: readonly string[] | null;
    readonly IndexConfigs?: Readonly<Record<string, { readonly Name?: string; readonly Secure?: boolean }>> | null;
  };
}

const major = (version: string) => Number(/^(\d+)\./.exec(version)?.[1] ?? NaN);

function kindOf(version: VersionJson, info: InfoJson): EngineKind {
  const components = (version.Components ?? []).map((c) => c.Name ?? '');
  if (components.some((n) => /podman/i.test(n)) || /podman/i.test(version.Platform?.Name ?? '')) return 'podman';
  if (/Docker Desktop/i.test(info.OperatingSystem ?? '') || /Docker Desktop/i.test(version.Platform?.Name ?? ''))
    return 'docker-desktop';
  if (components.includes('Engine') || /Docker Engine/i.test(version.Platform?.Name ?? '')) return 'docker-engine';
  return 'other';
}

const NAMES: Record<EngineKind, string | undefined> = {
  'docker-engine': 'Docker Engine',
  'docker-desktop': 'Docker Desktop',
  podman: 'Podman',
  other: undefined,
};

/** The builder docker's CLI picks: DOCKER_BUILDKIT=0/1 first; BuildKit by default from Docker 23 and on Docker Desktop. */
function builderOf(kind: EngineKind, version: string, env: NodeJS.ProcessEnv): EngineProfile['builder'] {
  if (kind === 'podman') return 'buildah';
  if (env.DOCKER_BUILDKIT === '0' || env.DOCKER_BUILDKIT === 'false') return 'legacy';
  if (env.DOCKER_BUILDKIT === '1' || env.DOCKER_BUILDKIT === 'true') return 'buildkit';
  return kind === 'docker-desktop' || major(version) >= 23 ? 'buildkit' : 'legacy';
}

function cgroupOf(kind: EngineKind, version: string, info: InfoJson): EngineProfile['cgroupVersion'] {
  if (info.CgroupVersion === '1' || info.CgroupVersion === '2') return info.CgroupVersion;
  // Docker reports it from 20.10 on; older Docker Engines ran only on cgroup v1.
  if (kind === 'docker-engine' && major(version) < 20) return '1';
  return 'unknown';
}

/** A plain-HTTP registry on loopback is allowed: 127.0.0.0/8 (or a wider CIDR holding it) or a loopback index marked insecure. */
function loopbackRegistryOf(info: InfoJson): boolean {
  const cidrs = info.RegistryConfig?.InsecureRegistryCIDRs ?? [];
  if (cidrs.some((c) => /^127\.0\.0\.0\/[1-8]$/.test(c) || /^0\.0\.0\.0\/0$/.test(c))) return true;
  return Object.values(info.RegistryConfig?.IndexConfigs ?? {}).some(
    (i) => i.Secure === false && /^(localhost|127\.)/.test(i.Name ?? ''),
  );
}

/** tcp://, ssh:// (or http/https) to a host other than this machine's loopback. */
export function isRemoteEndpoint(endpoint: string): boolean {
  const url = /^(tcp|ssh|https?):\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/]+)/.exec(endpoint);
  return !!url && !/^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(url[2]!);
}

/**
 * The profile from the engine's answers (pure, so that every engine is tested from a captured fixture). What only a
 * probe can tell (engine-reach.ts `probedProfile`) starts from the endpoint: an engine on another machine neither
 * shares our loopback nor sees our files; for a local socket (or Docker Desktop's VM) it is "unknown" until probed.
 */
export function profileFrom(
  version: VersionJson,
  info: InfoJson,
  env: NodeJS.ProcessEnv = process.env,
  endpoint = '',
): EngineProfile {
  const kind = kindOf(version, info);
  const remote = isRemoteEndpoint(endpoint);
  const v = version.Version ?? info.ServerVersion ?? 'unknown';
  return {
    kind,
    name: NAMES[kind] ?? (version.Platform?.Name || 'an unknown engine'),
    version: v,
    apiVersion: version.ApiVersion ?? 'unknown',
    builder: builderOf(kind, v, env),
    cgroupVersion: cgroupOf(kind, v, info),
    rootless: (info.SecurityOptions ?? []).some((o) => o.split(',').includes('name=rootless')),
    // Podman answers /info with an inactive Swarm section, but has no swarm mode at all.
    swarm: kind !== 'podman' && info.Swarm !== undefined,
    loopbackRegistry: loopbackRegistryOf(info),
    remote,
    loopback: remote ? 'unreachable' : 'unknown',
    ourLoopback: remote ? 'unreachable' : 'unknown',
    hostFiles: remote ? 'unshared' : 'unknown',
  };
}

/** "Podman 4.3.1 (API 1.41)" */
export const describeEngine = (p: EngineProfile) => `${p.name} ${p.version} (API ${p.apiVersion})`;

/** The fields profileFrom reads, and nothing else of /info (it names containers, images and the host). */
export function keptAnswers(version: VersionJson, info: InfoJson): EngineAnswers<VersionJson, InfoJson> {
  return {
    version: {
      Version: version.Version,
      ApiVersion: version.ApiVersion,
      Platform: version.Platform?.Name === undefined ? undefined : { Name: version.Platform.Name },
      Components: version.Components?.map((c) => ({ Name: c.Name, Version: c.Version })),
    },
    info: {
      OperatingSystem: info.OperatingSystem,
      CgroupVersion: info.CgroupVersion,
      SecurityOptions: info.SecurityOptions,
      // profileFrom asks only whether the engine has a Swarm section.
      Swarm: info.Swarm === undefined ? undefined : {},
      ServerVersion: info.ServerVersion,
      RegistryConfig: info.RegistryConfig && {
        InsecureRegistryCIDRs: info.RegistryConfig.InsecureRegistryCIDRs,
        IndexConfigs: info.RegistryConfig.IndexConfigs,
      },
    },
  };
}

const cache = new Map<string, Promise<EngineProfile>>();

/** Asks the engine once per process (per endpoint), and keeps its answers for the views (profile-cache.ts). */
export function engineProfile(engine: Engine): Promise<EngineProfile> {
  let profile = cache.get(engine.endpoint);
  if (!profile) {
    profile = onEngine(engine, () => Promise.all([engine.docker.version(), engine.docker.info()])).then(
      async ([v, i]) => {
        const version = v as VersionJson;
        const info = i as InfoJson;
        await saveAnswers(engine.endpoint, keptAnswers(version, info));
        return profileFrom(version, info, process.env, engine.endpoint);
      },
    );
    profile.catch(() => cache.delete(engine.endpoint));
    cache.set(engine.endpoint, profile);
  }
  return profile;
}

/**
 * The profile when the engine answers within `timeoutMs`, else undefined: for views that must not fail or wait
 * on a stopped or far-away engine (`list`, the lesson list), where a missing engine is reported elsewhere. Podman
 * takes about 1.5 s to answer /version (it asks its runtimes for theirs), so the engine's answers of the last
 * minutes (profile-cache.ts) stand in for it when they are for the same endpoint and socket.
 */
export async function profileIfAnswering(timeoutMs = 5000): Promise<EngineProfile | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((done) => (timer = setTimeout(() => done(undefined), timeoutMs)));
  const ask = async () => {
    const endpoint = await resolveEndpoint();
    const cached = await cachedAnswers<VersionJson, InfoJson>(endpoint);
    if (cached) return profileFrom(cached.version, cached.info, process.env, endpoint);
    return engineProfile(await connect());
  };
  try {
    return await Promise.race([ask(), late]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
