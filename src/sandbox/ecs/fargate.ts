// What RegisterTaskDefinition adds for requiresCompatibilities FARGATE: task-level cpu and memory, one of the
// sizes Fargate offers, the awsvpc network mode, and none of the parameters the ECS service model documents as
// not supported on Fargate. Each problem names its field, like the shape's errors.
import { memoryBytes, nanoCpus } from './units.js';

const GiB = 1024;
const range = (from: number, to: number, step: number) =>
  Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);

/** Fargate's task sizes: CPU units → the memory sizes (MiB) it may be paired with. */
export const FARGATE_SIZES: ReadonlyMap<number, readonly number[]> = new Map([
  [256, [512, 1024, 2048]],
  [512, range(1 * GiB, 4 * GiB, GiB)],
  [1024, range(2 * GiB, 8 * GiB, GiB)],
  [2048, range(4 * GiB, 16 * GiB, GiB)],
  [4096, range(8 * GiB, 30 * GiB, GiB)],
  [8192, range(16 * GiB, 60 * GiB, 4 * GiB)],
  [16384, range(32 * GiB, 120 * GiB, 8 * GiB)],
]);

interface FargateFields {
  readonly requiresCompatibilities?: readonly string[];
  readonly networkMode?: string;
  readonly cpu?: string;
  readonly memory?: string;
  readonly pidMode?: string;
  readonly ipcMode?: string;
  readonly volumes?: unknown;
  readonly containerDefinitions: readonly {
    readonly privileged?: boolean;
    readonly dockerSecurityOptions?: unknown;
    readonly linuxParameters?: unknown;
  }[];
}

const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const set = (v: unknown) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);

// linuxParameters members the model documents as "not supported" for tasks that use the Fargate launch type.
const LINUX_NOT_ON_FARGATE = ['devices', 'sharedMemorySize', 'tmpfs', 'maxSwap', 'swappiness'] as const;

export function fargateProblems(definition: FargateFields): string[] {
  if (!definition.requiresCompatibilities?.includes('FARGATE')) return [];
  const problems = [...notOnFargate(definition)];
  if (definition.networkMode !== 'awsvpc')
    problems.push(
      `networkMode: Fargate tasks need "awsvpc"${definition.networkMode ? `, not "${definition.networkMode}"` : ''}`,
    );
  if (definition.cpu === undefined)
    problems.push('cpu: required for Fargate, at task level (CPU units as a string, such as "256")');
  if (definition.memory === undefined)
    problems.push('memory: required for Fargate, at task level (MiB as a string, such as "512")');
  if (definition.cpu === undefined || definition.memory === undefined) return problems;
  const cpu = Math.round((nanoCpus(definition.cpu) / 1e9) * 1024);
  const memory = Math.round(memoryBytes(definition.memory) / (1024 * 1024));
  const sizes = FARGATE_SIZES.get(cpu);
  if (!sizes) problems.push(`cpu: Fargate offers ${[...FARGATE_SIZES.keys()].join(', ')} CPU units, not ${cpu}`);
  else if (!sizes.includes(memory))
    problems.push(
      `memory: with cpu "${cpu}", Fargate offers ` +
        `${sizes.length > 4 ? `${sizes[0]} to ${sizes.at(-1)} MiB in steps of ${sizes[1]! - sizes[0]!}` : sizes.join(', ')}` +
        ` MiB, not ${memory}`,
    );
  return problems;
}

/** Parameters that the model documents as not supported on Fargate: ECS refuses them when FARGATE is required. */
function notOnFargate(definition: FargateFields): string[] {
  const problems: string[] = [];
  const no = (field: string, what: string) => problems.push(`${field}: ${what} is not supported on Fargate; remove it`);
  if (definition.pidMode === 'host') no('pidMode', 'sharing the host\'s process namespace ("host")');
  if (definition.ipcMode !== undefined) no('ipcMode', 'an IPC mode');
  definition.containerDefinitions.forEach((c, i) => {
    if (c.privileged) no(`containerDefinitions[${i}].privileged`, 'a privileged container');
    if (set(c.dockerSecurityOptions)) no(`containerDefinitions[${i}].dockerSecurityOptions`, 'dockerSecurityOptions');
    const linux = record(c.linuxParameters);
    for (const key of LINUX_NOT_ON_FARGATE)
      if (set(linux[key])) no(`containerDefinitions[${i}].linuxParameters.${key}`, key);
  });
  if (Array.isArray(definition.volumes))
    definition.volumes.forEach((v: unknown, i) => {
      const volume = record(v);
      if (set(volume['dockerVolumeConfiguration'])) no(`volumes[${i}].dockerVolumeConfiguration`, 'a Docker volume');
      if (set(record(volume['host'])['sourcePath'])) no(`volumes[${i}].host.sourcePath`, 'a bind mount of a host path');
    });
  return problems;
}
