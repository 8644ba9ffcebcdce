// What RegisterTaskDefinition adds for requiresCompatibilities FARGATE: task-level cpu and memory, one of the
// sizes Fargate offers, and the awsvpc network mode. Each problem names its field, like the shape's errors.
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
}

export function fargateProblems(definition: FargateFields): string[] {
  if (!definition.requiresCompatibilities?.includes('FARGATE')) return [];
  const problems: string[] = [];
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
