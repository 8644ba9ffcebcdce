// What a check is, what it returns, and the kit it is given. Exercise checks import these as types only.
import type { OrchestrationKit } from './orchestration-api.js';
export type * from './orchestration-api.js';
import type { RegistryKitMembers } from './registry-api.js';
export type * from './registry-api.js';
import type { LeanKitMembers } from './images-api.js';
import type { OomKills } from '../../sandbox/engine/oom.js';
export type * from './images-api.js';
import type { PipelineKitMembers } from './pipeline-api.js';
export type * from './pipeline-api.js';

export type Outcome = 'pass' | 'fail' | 'error';
export type Evidence = Record<string, string | number | boolean>;

export interface CheckResult {
  readonly outcome: Outcome;
  /** What is wrong (or right), in one or two sentences. */
  readonly message: string;
  /** What to try next. */
  readonly tryNext?: string;
  /** What the check saw: image id, size, exit code, response body... */
  readonly evidence: Evidence;
}

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
  readonly mounts: readonly { readonly type: string; readonly source: string; readonly destination: string }[];
  readonly labels: Readonly<Record<string, string>>;
  /** The namespaces it shares or drops, and the privileges it was given (HostConfig). */
  readonly isolation: ContainerIsolation;
  /** Its cgroup limits as Docker recorded them (HostConfig); 0 means no limit. */
  readonly limits: ContainerLimits;
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
  readonly securityOpt: readonly string[];
}

export interface ContainerLimits {
  readonly memoryBytes: number;
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
}

export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}

export interface DockerfileInstruction {
  readonly keyword: string;
  readonly args: readonly string[];
  /** 1-based line in the Dockerfile. */
  readonly line: number;
}

export interface ParsedDockerfile {
  readonly path: string;
  readonly instructions: readonly DockerfileInstruction[];
  /** Instructions of the last build stage (after the last FROM). */
  readonly finalStage: readonly DockerfileInstruction[];
  readonly stages: number;
}

export interface CheckKit extends OrchestrationKit, RegistryKitMembers, LeanKitMembers, PipelineKitMembers {
  /** The exercise's folder in the learner's workspace. */
  readonly dir: string;
  /** When the exercise began (its starter files were set up). */
  readonly startedAt: Date;
  readonly signal: AbortSignal;

  image(ref: string): Promise<ImageFacts | undefined>;
  container(name: string): Promise<ContainerFacts | undefined>;
  /** Runs a throw-away container: labelled, memory- and pids-limited, always removed. */
  run(image: string, options?: RunOptions): Promise<RunResult>;
  /** Runs a command in a running container. */
  exec(container: string, cmd: readonly string[]): Promise<RunResult>;
  /** Reads a running container's limits from its cgroup filesystem (v1 or v2); undefined when it has no sh/cat or no cgroup files. */
  cgroup(container: string): Promise<CgroupLimits | undefined>;
  /** The processes of a running container and the namespaces each lives in (needs sh, readlink and cat in it). */
  processes(container: string): Promise<ContainerProcess[]>;
  /** The kernel's record of OOM kills in a container's memory cgroup (by its full id), for engines that miss them. */
  oomKills(containerId: string): Promise<OomKills>;
  /** The last lines a container printed (stdout and stderr), e.g. to show why it exited. '' when it is gone. */
  logs(container: string, tail?: number): Promise<string>;
  /**
   * GETs a URL on loopback only (127.0.0.0/8 or ::1). Retries briefly while the service starts.
   * When nothing answers, resolves with status 0 and the reason in `body` (the learner's service is down: a fail).
   */
  http(url: string): Promise<HttpResponse>;
  /** Reads and parses a Dockerfile in the exercise folder (default: Dockerfile). undefined when missing. */
  dockerfile(file?: string): Promise<ParsedDockerfile | undefined>;
  /** Reads a text file in the exercise folder. undefined when missing. */
  readFile(file: string): Promise<string | undefined>;
  /** True when `date` is at or after the exercise began (with slack for clock rounding). For images, use isNew. */
  since(date: Date): boolean;
  /**
   * True when the image was built (or tagged) in this attempt: created or tagged by the engine after the exercise
   * began, or carrying a declared name that named another image (or none) when it began. Use it, not
   * `since(image.created)`: BuildKit gives an image whose build adds no layer its base image's `Created`, and a
   * cached rebuild keeps the old time, so a learner who just built the image would be told it is old.
   */
  isNew(image: ImageFacts): boolean;

  pass(message: string, evidence?: Evidence): CheckResult;
  fail(message: string, tryNext?: string, evidence?: Evidence): CheckResult;
}

/** An exercise's check: `export default (async (kit) => ...) satisfies Check;` */
export type Check = (kit: CheckKit) => Promise<CheckResult>;
