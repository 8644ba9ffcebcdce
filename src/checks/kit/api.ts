// The checks' manual: what a check is, what it returns, and every member of the kit it is given. Types only.
// Exercise checks import it by its stable name, `import type { Check } from 'containerlings/kit'` (package.json
// "exports" maps it here), never by a path into src/. The implementation: kit.ts builds the kit from one member file
// per domain (containers.ts, images.ts, storage.ts, registry.ts, orchestration.ts, pipeline.ts) and the context in
// context.ts.

export type {
  ImageFacts,
  PortBinding,
  ContainerFacts,
  ContainerNetwork,
  NetworkFacts,
  ContainerIsolation,
  ContainerLimits,
  CgroupLimits,
  ContainerProcess,
  RunResult,
  RunOptions,
  HttpResponse,
  HealthFacts,
  HistoryStep,
  TaskFacts,
  ServiceFacts,
  ComposeProjectFacts,
  TaskDefinitionResult,
  LocalTaskRun,
  OomKills,
  LifecycleImage,
  ContainerEvents,
  VolumeFacts,
  StoredFile,
} from '../../sandbox/engine/types.js';
import type {
  CgroupLimits,
  ComposeProjectFacts,
  ContainerFacts,
  ContainerProcess,
  HealthFacts,
  HistoryStep,
  HttpResponse,
  ImageFacts,
  LifecycleImage,
  LocalTaskRun,
  NetworkFacts,
  OomKills,
  ContainerEvents,
  RunOptions,
  RunResult,
  ServiceFacts,
  TaskDefinitionResult,
  StoredFile,
  VolumeFacts,
} from '../../sandbox/engine/types.js';

// --- What a check returns ---

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
  /**
   * For a fail, the named mistake it diagnosed: an id from the exercise's `diagnoses` (exercise.yaml). The self-test
   * holds each wrong attempt to the diagnosis it declares; the results document carries it for instructors.
   */
  readonly diagnosis?: string;
}

/** An exercise's check: `export default (async (kit) => ...) satisfies Check;` */
export type Check = (kit: CheckKit) => Promise<CheckResult>;

// --- The kit ---

/** Everything a check is given: one object, grouped below by domain. */
export interface CheckKit extends ContainersKit, ImagesKit, StorageKit, RegistriesKit, OrchestrationKit, PipelineKit {}

/** The core: the exercise folder, images and containers as the engine sees them, throw-away runs, verdicts. */
export interface ContainersKit {
  /** The exercise's folder in the learner's workspace. */
  readonly dir: string;
  /** When the exercise began (its starter files were set up). */
  readonly startedAt: Date;
  readonly signal: AbortSignal;

  image(ref: string): Promise<ImageFacts | undefined>;
  container(name: string): Promise<ContainerFacts | undefined>;
  /** A network by name: its driver, subnets and the containers on it now. undefined when there is none. */
  network(name: string): Promise<NetworkFacts | undefined>;
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
  /**
   * What the engine's event log says about a container (name or id) since its creation: an OOM, the signals sent
   * through the engine (docker kill, stop). undefined when it is gone or the engine's log cannot be read.
   */
  events(container: string): Promise<ContainerEvents | undefined>;
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
  /**
   * True when `path` (a bind mount's source, say) is `file` of the exercise folder itself, judged on this machine by
   * identity (other spellings and symlinks count), or by path when either is missing here. A copy is not.
   */
  isExerciseFile(path: string, file: string): Promise<boolean>;
  /**
   * Whether the engine sees the exercise folder as this machine has it (a throw-away container bind-mounts a folder
   * made in it and reads a token). false on a remote engine, which mounts an empty folder of its own: a check that
   * judges a bind mount then says `error`, never blames the learner. undefined when the probe could not run.
   */
  seesExerciseFolder(): Promise<boolean | undefined>;
  /**
   * Whether the engine can limit swap (GET /info SwapLimit; Podman and engines that do not say count as able).
   * Without it (cgroup v1 without swap accounting), Docker records every --memory-swap as -1, whatever was asked.
   */
  swapLimitSupported(): Promise<boolean>;
  /** Reads and parses a YAML file (a Compose file, say) in the exercise folder. undefined when missing; throws when it is not YAML. */
  yaml(file: string): Promise<unknown>;
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
  /** A fail that names the mistake: `diagnosis` is an id the exercise declares under `diagnoses` in exercise.yaml. */
  diagnose(diagnosis: string, message: string, tryNext?: string, evidence?: Evidence): CheckResult;
}

// --- Images: files, lint, audit, builds, health ---

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

export type LintSeverity = 'error' | 'warning';

/** One problem the linter found in a Dockerfile. */
export interface LintFinding {
  /** containerlings' rule id (combine-runs, root-user...) or hadolint's code (DL3008...). */
  readonly rule: string;
  readonly severity: LintSeverity;
  /** 1-based line in the Dockerfile. */
  readonly line: number;
  readonly message: string;
  /** What to change. */
  readonly fix: string;
  /** The code of hadolint's check of the same thing (DL3025...), when it has one: to match findings across tools. */
  readonly hadolint?: string;
}

export interface LintReport {
  readonly file: string;
  readonly findings: readonly LintFinding[];
  /** hadolint's own findings when it is on PATH; undefined when it is not installed. */
  readonly hadolint?: readonly LintFinding[];
}

/** What an image offers an attacker, read offline from its filesystem: no CVE data. */
export interface AttackSurface {
  readonly image: string;
  readonly sizeBytes: number;
  /** Which package database was found, if any, and how many packages it lists. */
  readonly packageDb: 'dpkg' | 'apk' | 'none';
  readonly packages: number;
  /** Every path where the image has a shell, in any folder: sh, bash, busybox... by name, or by content. */
  readonly shells: readonly string[];
  /** Package managers present: apt-get, dpkg, apk. */
  readonly packageManagers: readonly string[];
  readonly setuid: readonly string[];
  readonly setgid: readonly string[];
  /** The configured USER ("" means root), and the uid it resolves to (undefined when unknown). */
  readonly user: string;
  readonly uid?: number;
  readonly runsAsRoot: boolean;
}

export interface BuildResult {
  readonly ok: boolean;
  /** The image id when the build succeeded. */
  readonly id?: string;
  /** The last lines of the build's output (to show why it failed). */
  readonly output: string;
  /** The size of the build context the builder sent, as it reported it; undefined when it did not say. */
  readonly contextBytes?: number;
}

/** Images: how they were built, linted, audited, rebuilt, and how their containers report health. */
export interface ImagesKit {
  /** The steps that made an image, newest first (the base image's steps last); undefined when it is missing. */
  history(image: string): Promise<HistoryStep[] | undefined>;
  /** Lints a Dockerfile in the exercise folder (default: Dockerfile); undefined when it is missing. */
  lint(file?: string): Promise<LintReport | undefined>;
  /** The attack surface of an image, from a labelled container that is created (never started) and removed. */
  audit(image: string): Promise<AttackSurface>;
  /**
   * Builds a copy of `dir` (relative to the exercise folder) as a labelled throw-away image, calls `use` with the
   * result, then removes the image. `append` adds text to files of the copy first (to see what a change rebuilds).
   */
  buildCopy<T>(
    dir: string,
    options: { append?: Readonly<Record<string, string>> },
    use: (result: BuildResult) => Promise<T>,
  ): Promise<T>;
  /** Waits (at most `waitSeconds`) until a container's health is no longer "starting", and reports it. */
  health(container: string, waitSeconds?: number): Promise<HealthFacts>;
}

// --- Storage: volumes and backups ---

export interface StorageKit {
  /** A named volume as the engine records it; undefined when there is none. */
  volume(name: string): Promise<VolumeFacts | undefined>;
  /**
   * Everything stored in a named volume (paths, types, owners, modes, sizes, content hashes), read by a labelled
   * throw-away container that mounts it read-only. undefined when there is no such volume (it is never created).
   */
  volumeFiles(name: string): Promise<StoredFile[] | undefined>;
  /**
   * The entries of a tar archive (plain or gzip) in the exercise folder, described as volumeFiles describes a volume.
   * undefined when the file is missing; throws when it is not a tar archive (catch it: that is the learner's fail).
   */
  archiveFiles(file: string): Promise<StoredFile[] | undefined>;
}

// --- Registries: the local registry and ECR ---

export interface RegistryManifest {
  /** sha256:... as `docker push` printed it. */
  readonly digest: string;
  /** Config plus compressed layers. */
  readonly sizeBytes: number;
  readonly layers: number;
  readonly mediaType: string;
  /** The image config's digest: equal to the local image's id (`docker image inspect -f {{.Id}}`). */
  readonly configDigest?: string;
}

export interface RegistryKit {
  /** host:port of the sandbox registry (starts it when it is not running). */
  address(): Promise<string>;
  /** The repository's tags, read from the registry's API; [] when it has none. */
  tags(repository: string): Promise<string[]>;
  /** A manifest by tag or by digest; undefined when the registry has none. */
  manifest(repository: string, reference: string): Promise<RegistryManifest | undefined>;
}

export interface EcrRepositoryFacts {
  readonly name: string;
  readonly uri: string;
  readonly tagMutability: 'MUTABLE' | 'IMMUTABLE';
  readonly scanOnPush: boolean;
  readonly tags: Readonly<Record<string, string>>;
  readonly createdAt: Date;
}

export interface EcrImageFacts {
  readonly digest: string;
  readonly tags: readonly string[];
  readonly sizeBytes: number;
  readonly pushedAt: Date;
  /** The image config's digest, from its manifest (BatchGetImage): the pushed local image's id. */
  readonly configDigest?: string;
}

/** ECR through @aws-sdk/client-ecr: the local endpoint, or real ECR with `--aws real`. Same calls either way. */
export interface EcrKit {
  mode(): 'local' | 'real';
  /** undefined when there is no such repository. */
  repository(name: string): Promise<EcrRepositoryFacts | undefined>;
  /** The names of the registry's repositories (DescribeRepositories, first 1000), to find where a push went. */
  repositoryNames(): Promise<string[]>;
  /** DescribeImages; [] when the repository is missing or empty. */
  images(repository: string): Promise<EcrImageFacts[]>;
  /** The lifecycle policy's JSON text; undefined when none is set. */
  lifecyclePolicy(repository: string): Promise<string | undefined>;
  /**
   * The ids of the images ECR would expire under a lifecycle policy's text at `now`, its rules applied as ECR
   * documents them (lowest rulePriority first; an image selected by an earlier rule is never expired by a later one).
   * Judges what a policy does, on images the check makes up, whatever way the learner wrote it.
   */
  wouldExpire(policyText: string, images: readonly LifecycleImage[], now: Date): Promise<string[]>;
}

/** The registries a check can read: `kit.registry` (the local one) and `kit.ecr` (the ECR endpoint or real ECR). */
export interface RegistriesKit {
  readonly registry: RegistryKit;
  readonly ecr: EcrKit;
}

// --- Orchestration: Swarm, Compose, ECS, Kubernetes ---

export interface OrchestrationKit {
  /** A Swarm service and its tasks; undefined when there is no such service (or no swarm). */
  service(name: string): Promise<ServiceFacts | undefined>;
  /** Kills the container of one running task of the service (as a crash would); returns the task id, or undefined when none runs. */
  killTask(service: string): Promise<string | undefined>;
  /** Waits (bounded, default 30 s) until the service has `count` running tasks; returns the last facts seen. */
  waitForTasks(service: string, count: number, timeoutSeconds?: number): Promise<ServiceFacts | undefined>;
  /** A Compose project's containers, networks and volumes; undefined when it has no containers. */
  composeProject(name: string): Promise<ComposeProjectFacts | undefined>;
  /**
   * The condition on which a Compose container waits for `service`: service_started for a plain list, undefined when
   * it does not wait. Compose v2 records it on the container (label com.docker.compose.depends_on); Compose v1 does
   * not, so then it is read from the project's Compose file in the exercise folder, named by another label.
   */
  composeDependsOn(container: ContainerFacts, service: string): Promise<string | undefined>;
  /**
   * Runs the container's health probe (its healthcheck's test) in a throw-away container of its image whose own
   * command never ran. Exit 0 there means the probe says healthy without asking the service (CMD true, `|| true`).
   * undefined when the container has no health check.
   */
  probeWithoutServer(container: ContainerFacts): Promise<RunResult | undefined>;
  /**
   * Removes a container (and its anonymous volumes) and creates it again from the same image and settings,
   * on the same networks with the same aliases, as Compose or an orchestrator does when it replaces one.
   */
  recreateContainer(name: string): Promise<ContainerFacts>;
  /** Kills a container (SIGKILL, as a crash would) and waits until the engine reports it stopped. */
  killContainer(name: string): Promise<void>;
  /** Reads a JSON file in the exercise folder and checks it against RegisterTaskDefinition's input shape. */
  taskDefinition(file: string): Promise<TaskDefinitionResult | undefined>;
  /**
   * Runs a valid task definition as a Swarm service cl-<family> (cpu/memory → limits, portMappings → 127.0.0.1,
   * environment). Throws when the exercise does not declare that service: hold the family first (a wrong one is the
   * learner's mistake, a fail), or the service would outlive every reset.
   */
  runTaskDefinitionLocally(definition: Readonly<Record<string, unknown>>): Promise<LocalTaskRun>;
  /**
   * Runs kubectl against the current context (bounded time) and returns its output; code is the exit code.
   * Throws (an error, not a fail) when kubectl is missing or the cluster does not answer.
   */
  kubectl(
    args: readonly string[],
  ): Promise<{ readonly code: number; readonly stdout: string; readonly stderr: string }>;
}

// --- Continuous delivery: pipelines ---

export interface PipelineOptions {
  /** Files of the copy to replace before it is committed (path in the exercise folder → new text). */
  readonly replace?: Readonly<Record<string, string>>;
  /** Seconds before the pipeline is stopped (its output then ends with "stopped after N s"). Default 60. */
  readonly timeout?: number;
}

export interface PipelineRun {
  readonly exitCode: number;
  /** What it printed (stdout and stderr together), at most the last 4000 characters. */
  readonly output: string;
  /** The last six lines of `output`: enough to show a learner why a run failed. */
  readonly lastLines: string;
  readonly timedOut: boolean;
  /** The commit it ran at: a new commit, in a copy, of everything in the exercise folder. */
  readonly commit: string;
  /** Local images the run tagged with the commit or a sandbox registry's name, read before those tags were removed. */
  readonly images: readonly ImageFacts[];
}

export interface PipelineKit {
  /**
   * Runs the learner's pipeline the way a CI system would: in a scratch copy of the exercise folder, at a new
   * commit holding its current files, with the sandbox's environment (docker, the aws wrapper, the registries).
   * The learner's folder and repository are not touched. The local tags the run created with the commit or a
   * sandbox registry in their name are removed afterwards (their facts are in `images`), so checks leave nothing.
   */
  pipeline(command: readonly string[], options?: PipelineOptions): Promise<PipelineRun>;
  /** True when `tag` names `commit`: the full hash, or an abbreviation of at least 7 hex digits. */
  namesCommit(tag: string, commit: string): boolean;
}
