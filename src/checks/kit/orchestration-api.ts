// What checks see of orchestrated applications: Swarm services and their tasks, Compose projects, ECS task
// definitions. Exercise checks import these as types only (re-exported by types.ts).
import type { ContainerFacts } from './api.js';

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
   * Removes a container (and its anonymous volumes) and creates it again from the same image and settings,
   * on the same networks with the same aliases, as Compose or an orchestrator does when it replaces one.
   */
  recreateContainer(name: string): Promise<ContainerFacts>;
  /** Reads a JSON file in the exercise folder and checks it against RegisterTaskDefinition's input shape. */
  taskDefinition(file: string): Promise<TaskDefinitionResult | undefined>;
  /** Runs a valid task definition as a Swarm service (cpu/memory → limits, portMappings → 127.0.0.1, environment). */
  runTaskDefinitionLocally(definition: Readonly<Record<string, unknown>>): Promise<LocalTaskRun>;
  /**
   * Runs kubectl against the current context (bounded time) and returns its output; code is the exit code.
   * Throws (an error, not a fail) when kubectl is missing or the cluster does not answer.
   */
  kubectl(
    args: readonly string[],
  ): Promise<{ readonly code: number; readonly stdout: string; readonly stderr: string }>;
}
