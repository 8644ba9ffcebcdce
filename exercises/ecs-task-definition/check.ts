// ecs-task-definition: taskdef.json is a RegisterTaskDefinition input for Fargate with the task's size, its port,
// its environment, a health check and awslogs logging. Errors name the field, as the ECS API would.
import type { Check } from 'containerlings/kit';

interface Container {
  name?: string;
  image?: string;
  essential?: boolean;
  portMappings?: { containerPort?: number; protocol?: string }[];
  environment?: { name?: string; value?: string }[];
  healthCheck?: { command: string[] };
  logConfiguration?: { logDriver: string; options?: Record<string, string> };
}

const FILE = 'taskdef.json';

// ECS writes task-level sizes as "256" or "0.25 vCPU", "512" or "0.5 GB": compare them in one unit.
const cpuUnits = (cpu = '') => (/vcpu\s*$/i.test(cpu) ? parseFloat(cpu) * 1024 : Number(cpu));
const memoryMiB = (memory = '') => (/gb\s*$/i.test(memory) ? parseFloat(memory) * 1024 : Number(memory));
const AWSLOGS = ['awslogs-group', 'awslogs-region', 'awslogs-stream-prefix'];

/** The mistake behind the first error the ECS API would return, as a diagnosis id. */
const INVALID: [RegExp, string][] = [
  [/^(cpu|memory): expected a string/, 'size-not-strings'],
  [/on EC2, each container needs memory|required for Fargate/, 'not-fargate'],
  [/Fargate offers/, 'not-a-fargate-size'],
  [/\.environment: expected an array/, 'environment-not-a-list'],
  [/\.healthCheck\.command/, 'health-command-form'],
  [/\.hostPort: with networkMode awsvpc/, 'host-port-differs'],
  [/at least one essential container/, 'web-not-essential'],
];

const check: Check = async (kit) => {
  const result = await kit.taskDefinition(FILE);
  if (!result)
    return kit.diagnose(
      'no-task-definition',
      `There is no ${FILE} in the exercise folder.`,
      `Write it in ecs-task-definition/${FILE}.`,
    );
  if (!result.ok) {
    const first = result.errors[0] ?? '';
    return kit.diagnose(
      INVALID.find(([error]) => error.test(first))?.[1] ?? 'invalid-task-definition',
      `${FILE} is not a valid task definition:\n${result.errors.map((e) => `  ${e}`).join('\n')}`,
      'Fix each field named above; the lesson lists each field with its type.',
      { errors: result.errors.length },
    );
  }
  const def = result.definition as {
    family: string;
    requiresCompatibilities?: string[];
    cpu?: string;
    memory?: string;
    containerDefinitions: Container[];
  };
  const web = def.containerDefinitions.find((c) => c.name === 'web');
  const evidence = {
    family: def.family,
    cpu: def.cpu ?? 'none',
    memory: def.memory ?? 'none',
    containers: def.containerDefinitions.length,
  };
  if (def.family !== 'greeter')
    return kit.diagnose(
      'wrong-family',
      `family is "${def.family}", not "greeter".`,
      'Set "family": "greeter".',
      evidence,
    );
  if (!web)
    return kit.diagnose(
      'no-web-container',
      'There is no container named "web" in containerDefinitions.',
      'Name the container "web".',
      evidence,
    );
  if (web.image !== 'containerlings/greeter')
    return kit.diagnose(
      'wrong-image',
      `The web container runs "${web.image}", not containerlings/greeter.`,
      'Set "image": "containerlings/greeter".',
      evidence,
    );
  if (!def.requiresCompatibilities?.includes('FARGATE')) {
    return kit.diagnose(
      'not-fargate',
      'requiresCompatibilities does not include "FARGATE", so nothing says this task may run on Fargate.',
      'Add "requiresCompatibilities": ["FARGATE"] (Fargate then needs task-level cpu and memory, and "networkMode": "awsvpc").',
      evidence,
    );
  }
  const size = { cpu: cpuUnits(def.cpu), memory: memoryMiB(def.memory) };
  if (size.cpu !== 256 || size.memory !== 512) {
    return kit.diagnose(
      'wrong-size',
      `The task's size is cpu "${def.cpu}" and memory "${def.memory}", not the quarter vCPU (256 CPU units) and ` +
        '512 MiB asked for.',
      'Set "cpu": "256" and "memory": "512" at task level.',
      evidence,
    );
  }
  // ECS keeps a task running while an essential container runs: with web not essential, a dead web goes unnoticed.
  if (web.essential === false)
    return kit.diagnose(
      'web-not-essential',
      'The web container has "essential": false: if it stops, ECS keeps the task running without it.',
      'Leave "essential" out (it is true by default) or set it to true for web.',
      evidence,
    );
  const port = web.portMappings?.find((p) => p.containerPort === 8080);
  if (!port) {
    return kit.diagnose(
      'no-port-8080',
      'containerDefinitions[web].portMappings has no containerPort 8080, where the greeter listens.',
      'Add "portMappings": [{ "containerPort": 8080, "protocol": "tcp" }].',
      evidence,
    );
  }
  // The greeter speaks HTTP, over TCP: a udp mapping lets no request in.
  if ((port.protocol ?? 'tcp') !== 'tcp')
    return kit.diagnose(
      'port-not-tcp',
      `containerDefinitions[web].portMappings maps 8080 with protocol "${port.protocol}": the greeter speaks HTTP, over TCP.`,
      'Use "protocol": "tcp" (the default when you leave it out).',
      evidence,
    );
  if (!web.environment?.some((e) => e.name === 'GREETING' && e.value)) {
    return kit.diagnose(
      'no-greeting',
      'containerDefinitions[web].environment does not set GREETING.',
      'Add "environment": [{ "name": "GREETING", "value": "..." }].',
      evidence,
    );
  }
  if (!web.healthCheck)
    return kit.diagnose(
      'no-health-check',
      'containerDefinitions[web] has no healthCheck, so ECS could not tell a hung task from a healthy one.',
      'Add a healthCheck whose command starts with "CMD-SHELL".',
      evidence,
    );
  const log = web.logConfiguration;
  if (!log)
    return kit.diagnose(
      'no-awslogs',
      'containerDefinitions[web] has no logConfiguration: on Fargate its output would go nowhere you can read.',
      'Add a logConfiguration with "logDriver": "awslogs".',
      evidence,
    );
  const missing = AWSLOGS.filter((o) => !log.options?.[o]);
  if (log.logDriver !== 'awslogs' || missing.length) {
    return kit.diagnose(
      'no-awslogs',
      `logConfiguration must use the awslogs driver with ${AWSLOGS.join(', ')} ` +
        `(${log.logDriver !== 'awslogs' ? `it uses ${log.logDriver}` : `missing: ${missing.join(', ')}`}).`,
      'Fargate sends logs to CloudWatch Logs through awslogs; set the three options.',
      evidence,
    );
  }
  return kit.pass(
    `taskdef.json is a valid Fargate task definition: ${def.cpu} CPU units, ${def.memory} MiB, port 8080, ` +
      'GREETING, a health check and awslogs.',
    evidence,
  );
};

export default check;
