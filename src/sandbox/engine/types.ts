// What the engine's read-models return: images, containers, their isolation and limits, processes, HTTP answers,
// health, history, Swarm services and tasks, Compose projects, ECS task definitions. Types only. The code that reads
// them lives beside this file; checks see them through the kit (src/checks/kit/api.ts re-exports them).

export interface ImageFacts {
  readonly id: string;
  readonly tags: readonly string[];
  /** From the image's config, written by the builder: BuildKit may leave the base image's time (see CheckKit.isNew). */
  readonly created: Date;
  /** When the engine last tagged it (Docker's Metadata.LastTagTime); undefined when the engine does not record it (Podman). */
  readonly lastTagged?: Date;
  readonly sizeBytes: number;
  /** Layers in the image's root filesystem. */
  readonly layers: number;
  readonly user: string;
  readonly workdir: string;
  readonly env: Readonly<Record<string, string>>;
  readonly cmd: readonly string[];
  readonly entrypoint: readonly string[];
  readonly exposedPorts: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  /** repo@sha256:... for every registry the image was pushed to or pulled from. */
  readonly repoDigests: readonly string[];
}

export interface PortBinding {
  /** The container side, with its protocol: "8080/tcp". */
  readonly containerPort: string;
  readonly hostIp: string;
  readonly hostPort: number;
}

export interface ContainerFacts {
  readonly id: string;
  readonly name: string;
  readonly image: string;
  readonly imageId: string;
  readonly running: boolean;
  readonly status: string;
  readonly exitCode: number;
  readonly oomKilled: boolean;
  readonly created: Date;
  readonly env: Readonly<Record<string, string>>;
  readonly ports: readonly PortBinding[];
  /** The bindings the run asked for (HostConfig.PortBindings): hostPort 0 when it left the choice to the engine. */
  readonly requestedPorts: readonly PortBinding[];
  /** The networks it is attached to now, with its address and DNS aliases on each ([] for none and host). */
  readonly networks: readonly ContainerNetwork[];
  /** bind, volume, tmpfs (`--mount type=tmpfs`; `--tmpfs` shows only inside the container)...; `name` for volumes. */
  readonly mounts: readonly {
    readonly type: string;
    readonly source: string;
    readonly destination: string;
    readonly name?: string;
    readonly rw: boolean;
  }[];
  readonly labels: Readonly<Record<string, string>>;
  /** The namespaces it shares or drops, and the privileges it was given (HostConfig). */
  readonly isolation: ContainerIsolation;
  /** Its cgroup limits as Docker recorded them (HostConfig); 0 means no limit. */
  readonly limits: ContainerLimits;
  /** The health probe the engine runs (Config.Healthcheck.Test: ["CMD-SHELL", "..."], ["CMD", ...]); [] for none. */
  readonly healthcheck: readonly string[];
}

export interface ContainerNetwork {
  readonly name: string;
  /** Its IPv4 address on that network; '' when it has none (host, a stopped container). */
  readonly ipv4: string;
  /** Names other containers on the network may use for it (its name, --network-alias, Compose service names). */
  readonly aliases: readonly string[];
}

/** A network as the engine describes it (GET /networks/{id}). */
export interface NetworkFacts {
  readonly id: string;
  readonly name: string;
  /** bridge, overlay, host, null, macvlan... */
  readonly driver: string;
  readonly created: Date;
  /** True for --internal: no route out of the network. */
  readonly internal: boolean;
  /** Its IPv4 subnets, e.g. 172.18.0.0/16. */
  readonly subnets: readonly string[];
  /** Names of the containers attached to it now. */
  readonly containers: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
}

export interface ContainerIsolation {
  /** "" (its own), "host", or "container:<id>". */
  readonly pidMode: string;
  /** "default"/"bridge", "none", "host", "container:<id>", or a network's name. */
  readonly networkMode: string;
  readonly utsMode: string;
  readonly ipcMode: string;
  readonly privileged: boolean;
  readonly capAdd: readonly string[];
  /**
   * Every capability was added (--cap-add ALL). Docker records "ALL"; Podman records the list it expanded to, so
   * a list that holds the capabilities no workload asks for one by one (loading modules, raw I/O, reboot) counts.
   */
  readonly allCapabilities: boolean;
  readonly securityOpt: readonly string[];
}

export interface ContainerLimits {
  readonly memoryBytes: number;
  /**
   * --memory-swap: memory plus swap, in bytes (HostConfig.MemorySwap). -1: unlimited swap; 0: not recorded. Docker
   * records twice --memory when only --memory is given.
   */
  readonly memorySwapBytes: number;
  readonly memoryReservationBytes: number;
  /** --cpus, in billionths of a CPU. */
  readonly nanoCpus: number;
  readonly cpuQuota: number;
  readonly cpuPeriod: number;
  /** A relative weight (--cpu-shares), not a cap. */
  readonly cpuShares: number;
  readonly pidsLimit: number;
}

/** Limits read from inside a container through the cgroup filesystem (v1 or v2). undefined: no limit. */
export interface CgroupLimits {
  readonly version: 1 | 2;
  readonly memoryBytes?: number;
  readonly pidsMax?: number;
  readonly cpus?: number;
  /** How many forks the pids limit has refused so far (pids.events "max"). */
  readonly pidsRefused?: number;
  /** The folder holding pids.max, pids.current and pids.events inside the container. */
  readonly pidsDir: string;
}

/** A process in a container, as the container sees it. */
export interface ContainerProcess {
  readonly pid: number;
  /** Namespace links by kind (pid, uts, mnt, net, ipc, user): "pid:[4026532254]". */
  readonly namespaces: Readonly<Record<string, string>>;
  /** Its PID in each nested PID namespace, outermost first (NSpid); the last is the innermost. */
  readonly nspid: readonly number[];
  readonly command: string;
}

export interface RunResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly oomKilled: boolean;
  /**
   * The engine could not start the image's command: it is not in the image (exitCode 127) or not executable (126),
   * as `docker run` reports it. This is the engine's message; stdout and stderr are then empty. A run that failed
   * for any other reason throws, as before (an engine problem, not the image's).
   */
  readonly cannotStart?: string;
}

export interface RunOptions {
  readonly cmd?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly user?: string;
  /** Seconds before the container is killed. Default 20. */
  readonly timeout?: number;
  readonly memoryMb?: number;
  readonly capAdd?: readonly string[];
  readonly securityOpt?: readonly string[];
  /** "host" to share the engine host's PID namespace (e.g. to read its namespace inode). */
  readonly pidMode?: string;
  /**
   * "host" to probe what the engine's host reaches (its loopback, the ports it publishes), or the name of a network
   * the exercise declares. Default: no network at all.
   */
  readonly network?: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}

export interface HealthFacts {
  /** none: the container has no HEALTHCHECK; missing: there is no such container. */
  readonly status: 'healthy' | 'unhealthy' | 'starting' | 'none' | 'missing';
  readonly failingStreak: number;
  /** The last probe's output and exit code, when there was one. */
  readonly lastOutput: string;
  readonly lastExitCode?: number;
}

/** One step of an image's history (GET /images/{name}/history), as the builder recorded it. */
export interface HistoryStep {
  /** The instruction as recorded: "RUN /bin/sh -c ... # buildkit" (BuildKit), "/bin/sh -c ..." (legacy, buildah). */
  readonly createdBy: string;
  readonly sizeBytes: number;
}

export interface TaskFacts {
  readonly id: string;
  /** The task's slot in a replicated service (1..replicas): a replacement task takes the slot of the one it replaces. */
  readonly slot: number;
  /** What the task is doing: new, pending, ..., running, shutdown, failed, rejected... */
  readonly state: string;
  /** What the scheduler wants it to do: running or shutdown. */
  readonly desiredState: string;
  readonly containerId: string;
  readonly nodeId: string;
  readonly image: string;
  /** Why it failed, when it did. */
  readonly error: string;
}

export interface ServiceFacts {
  readonly id: string;
  readonly name: string;
  /** The image reference, without the @sha256 digest Swarm pins. */
  readonly image: string;
  readonly mode: 'replicated' | 'global';
  /** The desired count (replicated services). */
  readonly replicas: number;
  /** Tasks running now that the scheduler wants running. */
  readonly running: number;
  readonly tasks: readonly TaskFacts[];
  readonly env: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly networks: readonly string[];
  /** Virtual IPs of the service, one per network: the stable address behind its DNS name. */
  readonly vips: readonly { readonly network: string; readonly address: string }[];
  readonly ports: readonly {
    readonly target: number;
    readonly published: number;
    readonly protocol: string;
    readonly mode: string;
  }[];
  readonly updateConfig: {
    readonly parallelism: number;
    readonly delaySeconds: number;
    readonly failureAction: string;
    readonly order: string;
  };
  /** The image of the spec before the last update, when there was one (what a rollback returns to). */
  readonly previousImage?: string;
  /** The last rolling update: updating, paused, completed, rollback_started, rollback_completed... */
  readonly updateState?: string;
  readonly placement: { readonly constraints: readonly string[]; readonly spreadOver: readonly string[] };
  readonly limits: { readonly nanoCpus: number; readonly memoryBytes: number };
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface ComposeProjectFacts {
  readonly name: string;
  /** The project's containers, by Compose service name. */
  readonly services: Readonly<Record<string, readonly ContainerFacts[]>>;
  readonly networks: readonly string[];
  readonly volumes: readonly string[];
}

/** A task definition checked against ECS's RegisterTaskDefinition input shape. */
export type TaskDefinitionResult =
  | { readonly ok: true; readonly family: string; readonly definition: Readonly<Record<string, unknown>> }
  /** Each error names the field: "containerDefinitions[0].memory: expected a number". */
  | { readonly ok: false; readonly errors: readonly string[] };

/** A task definition run locally as a Swarm service, the way ECS would run it on a cluster. */
export interface LocalTaskRun {
  readonly service: string;
  /** 127.0.0.1 URLs, one per port mapping: "http://127.0.0.1:8080". */
  readonly urls: readonly string[];
  /** Set when the service did not reach its desired count in time: what its tasks said. */
  readonly problem?: string;
}

/** What the engine recorded about one container (`docker events`), from its creation until now. */
export interface ContainerEvents {
  /** False when the engine's event log (it keeps only the latest events) no longer reaches back to the creation. */
  readonly complete: boolean;
  /** True when the engine recorded an OOM in the container, even if State.OOMKilled says otherwise. */
  readonly oom: boolean;
  /** The signals sent to it through the engine (docker kill, docker stop), e.g. ['9'] or ['15', '9']. */
  readonly killSignals: readonly string[];
}

/** The kernel's record of OOM kills in one container's memory cgroup. */
export interface OomKills {
  /** 'unreadable': no kernel log to read here (a remote engine, or dmesg restricted to root). */
  readonly source: 'kernel-log' | 'unreadable';
  /** The processes the OOM killer ended in the container's memory cgroup, oldest first. */
  readonly killed: readonly { readonly task: string; readonly pid: number }[];
}

/** An image in a repository as a lifecycle policy sees it (for `kit.ecr.wouldExpire`, on images a check makes up). */
export interface LifecycleImage {
  readonly id: string;
  readonly tags: readonly string[];
  readonly pushedAt: Date;
}

/** A named volume as the engine records it (`docker volume inspect`). */
export interface VolumeFacts {
  readonly name: string;
  readonly driver: string;
  /** When the engine created it (to the second). */
  readonly created: Date;
  readonly labels: Readonly<Record<string, string>>;
}

/** One entry of a volume or of a tar archive, described the same way so that the two can be compared. */
export interface StoredFile {
  /** Relative to the volume's root or the archive's: "notes/today.txt" (no leading ./ or /, no trailing /). */
  readonly path: string;
  readonly type: 'file' | 'dir' | 'symlink' | 'other';
  readonly uid: number;
  readonly gid: number;
  /** Permission bits (0o644); 0 for a symlink. */
  readonly mode: number;
  /** Bytes, for files; 0 otherwise. */
  readonly size: number;
  /** sha256 of a file's content, or a symlink's target; '' otherwise. */
  readonly content: string;
}
