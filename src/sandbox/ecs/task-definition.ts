// An ECS task definition checked against the RegisterTaskDefinition input shape, with errors that name the field.
// The shape follows the ECS service model (aws-sdk-js-v3 codegen/sdk-codegen/aws-models/ecs.json): which members
// exist, their types (task-level cpu/memory are strings, container-level ones integers), which are required, and
// the enums. Members the lessons do not use are accepted as the model allows, without deeper checks.
import { z } from 'zod';
import type { TaskDefinitionResult } from '../engine/types.js';
import { fargateProblems } from './fargate.js';
import { memoryBytes } from './units.js';

const int = z.number().int('expected a whole number');
const str = z.string();
const anyOf = <T extends string>(values: readonly [T, ...T[]]) =>
  z.enum(values, { error: `expected one of ${values.join(', ')}` });
const loose = z.unknown().optional();

const KeyValuePair = z.strictObject({ name: str.optional(), value: str.optional() });
// A secret is fetched by ECS: it names where from (valueFrom), never a value (the CLI refuses {name, value}).
const Secret = z.strictObject({ name: str, valueFrom: str });
const ContainerDependency = z.strictObject({
  containerName: str,
  condition: anyOf(['START', 'COMPLETE', 'SUCCESS', 'HEALTHY']),
});

const PortMapping = z.strictObject({
  containerPort: int.min(1).max(65535).optional(),
  hostPort: int.min(0).max(65535).optional(),
  protocol: anyOf(['tcp', 'udp']).optional(),
  name: str.optional(),
  appProtocol: anyOf(['http', 'http2', 'grpc']).optional(),
  containerPortRange: str.optional(),
});

const HealthCheck = z.strictObject({
  command: z
    .array(str)
    .min(1, 'expected at least one element, such as ["CMD-SHELL", "wget -qO- http://127.0.0.1:8080/ || exit 1"]')
    .refine(
      (c) => c[0] === 'CMD' || c[0] === 'CMD-SHELL',
      'the first element must be "CMD" (run the rest as is) or "CMD-SHELL" (run it with sh -c)',
    ),
  // The model documents these ranges (its traits do not enforce them; the service does).
  interval: int.min(5).max(300).optional(),
  timeout: int.min(2).max(60).optional(),
  retries: int.min(1).max(10).optional(),
  startPeriod: int.min(0).max(300).optional(),
});

const LogConfiguration = z.strictObject({
  logDriver: anyOf(['json-file', 'syslog', 'journald', 'gelf', 'fluentd', 'awslogs', 'splunk', 'awsfirelens']),
  options: z.record(str, str).optional(),
  secretOptions: z.array(z.strictObject({ name: str, valueFrom: str })).optional(),
});

const ContainerDefinition = z.strictObject({
  name: str.regex(/^[A-Za-z0-9_-]{1,255}$/, 'up to 255 letters, digits, hyphens and underscores').optional(),
  image: str.optional(),
  cpu: int.min(0).optional(),
  memory: int.min(6, 'at least 6 MiB').optional(),
  memoryReservation: int.min(6, 'at least 6 MiB').optional(),
  portMappings: z.array(PortMapping).optional(),
  essential: z.boolean().optional(),
  entryPoint: z.array(str).optional(),
  command: z.array(str).optional(),
  environment: z.array(KeyValuePair).optional(),
  healthCheck: HealthCheck.optional(),
  logConfiguration: LogConfiguration.optional(),
  workingDirectory: str.optional(),
  user: str.optional(),
  hostname: str.optional(),
  readonlyRootFilesystem: z.boolean().optional(),
  privileged: z.boolean().optional(),
  dockerLabels: z.record(str, str).optional(),
  secrets: z.array(Secret).optional(),
  dependsOn: z.array(ContainerDependency).optional(),
  links: z.array(str).optional(),
  extraHosts: z.array(z.strictObject({ hostname: str, ipAddress: str })).optional(),
  ...Object.fromEntries(
    [
      'repositoryCredentials',
      'restartPolicy',
      'environmentFiles',
      'mountPoints',
      'volumesFrom',
      'linuxParameters',
      'startTimeout',
      'stopTimeout',
      'versionConsistency',
      'disableNetworking',
      'dnsServers',
      'dnsSearchDomains',
      'dockerSecurityOptions',
      'interactive',
      'pseudoTerminal',
      'ulimits',
      'systemControls',
      'resourceRequirements',
      'firelensConfiguration',
      'credentialSpecs',
    ].map((k) => [k, loose]),
  ),
});

export const RegisterTaskDefinitionInput = z.strictObject({
  family: str.regex(/^[A-Za-z0-9_-]{1,255}$/, 'up to 255 letters, digits, hyphens and underscores'),
  containerDefinitions: z.array(ContainerDefinition).min(1, 'expected at least one container definition'),
  taskRoleArn: str.optional(),
  executionRoleArn: str.optional(),
  networkMode: anyOf(['bridge', 'host', 'awsvpc', 'none']).optional(),
  requiresCompatibilities: z.array(anyOf(['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES'])).optional(),
  cpu: str
    .regex(/^\s*(\d+|\d+(\.\d+)?\s*vcpu)\s*$/i, 'expected CPU units as a string, such as "256", or "0.25 vCPU"')
    .optional(),
  memory: str.regex(/^\s*(\d+|\d+(\.\d+)?\s*gb)\s*$/i, 'expected MiB as a string, such as "512", or "1 GB"').optional(),
  tags: z.array(z.strictObject({ key: str.min(1).max(128), value: str.max(256).optional() })).optional(),
  pidMode: anyOf(['host', 'task']).optional(),
  ipcMode: anyOf(['host', 'task', 'none']).optional(),
  ...Object.fromEntries(
    [
      'volumes',
      'placementConstraints',
      'proxyConfiguration',
      'inferenceAccelerators',
      'ephemeralStorage',
      'runtimePlatform',
      'enableFaultInjection',
    ].map((k) => [k, loose]),
  ),
});

/** "containerDefinitions[0].portMappings[1].containerPort" */
export function fieldPath(path: readonly PropertyKey[]): string {
  return (
    path.reduce<string>(
      (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
      '',
    ) || '(the whole file)'
  );
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map((k) => `${fieldPath([...issue.path, k])}: not a RegisterTaskDefinition field`).join('\n');
  if (issue.code === 'invalid_type') {
    const expected = article(issue.expected);
    const why =
      issue.input === undefined
        ? 'required, but missing'
        : issue.input === null
          ? `is null; expected ${expected}`
          : `expected ${expected}, got ${JSON.stringify(issue.input)}`;
    return `${fieldPath(issue.path)}: ${why}`;
  }
  return `${fieldPath(issue.path)}: ${issue.message}`;
}

// zod's "record" is a JSON object whose values are all of one type (dockerLabels, logConfiguration.options).
const article = (type: string) =>
  type === 'record'
    ? 'an object of strings'
    : type === 'array' || type === 'object' || type === 'integer'
      ? `an ${type}`
      : `a ${type}`;

/** Parses JSON text and checks it against the RegisterTaskDefinition input; each error names its field. */
export function checkTaskDefinition(text: string): TaskDefinitionResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`not valid JSON: ${(e as Error).message}`] };
  }
  const parsed = RegisterTaskDefinitionInput.safeParse(value, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.flatMap((i) => describe(i).split('\n')) };
  const errors: string[] = [];
  parsed.data.containerDefinitions.forEach((c, i) => {
    // Required by RegisterTaskDefinition in practice even though the model marks neither.
    if (!c.name) errors.push(`containerDefinitions[${i}].name: required, but missing`);
    if (!c.image) errors.push(`containerDefinitions[${i}].image: required, but missing`);
  });
  errors.push(...fargateProblems(parsed.data), ...registrationProblems(parsed.data));
  return errors.length
    ? { ok: false, errors }
    : { ok: true, family: parsed.data.family, definition: parsed.data as Record<string, unknown> };
}

/**
 * Rules RegisterTaskDefinition enforces across fields: an essential container, awsvpc's port mappings, unique
 * container names, dependsOn naming a container of the task, and memory that fits (container within task,
 * reservation within limit, and some memory setting on EC2).
 */
function registrationProblems(definition: z.infer<typeof RegisterTaskDefinitionInput>): string[] {
  const problems: string[] = [];
  const containers = definition.containerDefinitions;
  const names = new Set<string>();
  containers.forEach((c, i) => {
    if (c.name && names.has(c.name))
      problems.push(`containerDefinitions[${i}].name: "${c.name}" is already the name of another container`);
    if (c.name) names.add(c.name);
  });
  containers.forEach((c, i) =>
    c.dependsOn?.forEach((d, j) => {
      if (!names.has(d.containerName))
        problems.push(
          `containerDefinitions[${i}].dependsOn[${j}].containerName: no container of this task is called ` +
            `"${d.containerName}"`,
        );
      else if (d.containerName === c.name)
        problems.push(`containerDefinitions[${i}].dependsOn[${j}].containerName: a container cannot wait for itself`);
    }),
  );
  const taskMiB = definition.memory === undefined ? undefined : Math.round(memoryBytes(definition.memory) / 2 ** 20);
  const onEc2 = !definition.requiresCompatibilities?.length || definition.requiresCompatibilities.includes('EC2');
  containers.forEach((c, i) => {
    if (taskMiB !== undefined && c.memory !== undefined && c.memory > taskMiB)
      problems.push(
        `containerDefinitions[${i}].memory: ${c.memory} MiB is more than the task's memory (${taskMiB} MiB)`,
      );
    if (c.memory !== undefined && c.memoryReservation !== undefined && c.memoryReservation > c.memory)
      problems.push(
        `containerDefinitions[${i}].memoryReservation: ${c.memoryReservation} MiB is more than its memory limit ` +
          `(${c.memory} MiB); the reservation must fit within the limit`,
      );
    if (onEc2 && taskMiB === undefined && c.memory === undefined && c.memoryReservation === undefined)
      problems.push(
        `containerDefinitions[${i}].memory: on EC2, each container needs memory or memoryReservation ` +
          'when the task sets no memory',
      );
  });
  if (definition.containerDefinitions.every((c) => c.essential === false))
    problems.push('containerDefinitions: a task needs at least one essential container (essential is true by default)');
  return [...problems, ...networkModeProblems(definition)];
}

/**
 * What the network mode rules out, as the model documents it: links need bridge (the default on EC2 when
 * networkMode is left out); awsvpc has no hostname or extraHosts; awsvpc and host map each containerPort to the
 * same port, so a hostPort must be left out or equal it.
 */
function networkModeProblems(definition: z.infer<typeof RegisterTaskDefinitionInput>): string[] {
  const problems: string[] = [];
  const mode = definition.networkMode;
  definition.containerDefinitions.forEach((c, i) => {
    const field = `containerDefinitions[${i}]`;
    if (mode !== undefined && mode !== 'bridge' && c.links?.length)
      problems.push(`${field}.links: links work only with networkMode bridge, not "${mode}"; remove them`);
    if (mode === 'awsvpc' && c.hostname !== undefined)
      problems.push(`${field}.hostname: not supported with networkMode awsvpc; remove it`);
    if (mode === 'awsvpc' && c.extraHosts?.length)
      problems.push(`${field}.extraHosts: not supported with networkMode awsvpc; remove it`);
    if (mode === 'awsvpc' || mode === 'host')
      c.portMappings?.forEach((p, j) => {
        if (p.hostPort !== undefined && p.hostPort !== p.containerPort)
          problems.push(
            `${field}.portMappings[${j}].hostPort: with networkMode ${mode} it must be left out ` +
              `or equal containerPort (${p.containerPort}), not ${p.hostPort}`,
          );
      });
  });
  return problems;
}
