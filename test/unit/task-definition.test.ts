// The ECS task definition check: RegisterTaskDefinition's shape, with errors that name the field.
import { describe, expect, it } from 'vitest';
import { checkTaskDefinition } from '../../src/sandbox/ecs/task-definition.js';
import { memoryBytes, nanoCpus } from '../../src/sandbox/ecs/local-run.js';

const valid = {
  family: 'greeter',
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'web', image: 'containerlings/greeter', portMappings: [{ containerPort: 8080 }] }],
};

describe('checkTaskDefinition', () => {
  it('accepts a definition of the RegisterTaskDefinition shape', () => {
    expect(checkTaskDefinition(JSON.stringify(valid))).toMatchObject({ ok: true, family: 'greeter' });
  });

  it('names each wrong field: task-level cpu is a string, container memory a number, unknown fields refused', () => {
    const wrong = {
      ...valid,
      cpu: 256,
      containerDefinitions: [
        { ...valid.containerDefinitions[0], memory: '128', portMappings: [{ containerPort: '8080' }], memroy: 1 },
      ],
    };
    const result = checkTaskDefinition(JSON.stringify(wrong));
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toEqual(
      expect.arrayContaining([
        'cpu: expected a string, got 256',
        'containerDefinitions[0].memory: expected a number, got "128"',
        'containerDefinitions[0].portMappings[0].containerPort: expected a number, got "8080"',
        'containerDefinitions[0].memroy: not a RegisterTaskDefinition field',
      ]),
    );
  });

  it('says a null value is null, in plain words (no "record")', () => {
    const nulls = {
      ...valid,
      family: null,
      containerDefinitions: [{ ...valid.containerDefinitions[0], dockerLabels: null, environment: null }],
    };
    expect(checkTaskDefinition(JSON.stringify(nulls))).toMatchObject({
      errors: [
        'family: is null; expected a string',
        'containerDefinitions[0].environment: is null; expected an array',
        'containerDefinitions[0].dockerLabels: is null; expected an object of strings',
      ],
    });
    expect(checkTaskDefinition('null')).toMatchObject({ errors: ['(the whole file): is null; expected an object'] });
    const labels = { ...valid, containerDefinitions: [{ ...valid.containerDefinitions[0], dockerLabels: [] }] };
    expect(checkTaskDefinition(JSON.stringify(labels))).toMatchObject({
      errors: ['containerDefinitions[0].dockerLabels: expected an object of strings, got []'],
    });
  });

  it('reports missing required fields and broken JSON', () => {
    expect(checkTaskDefinition('{"containerDefinitions":[{}]}')).toEqual({
      ok: false,
      errors: ['family: required, but missing'],
    });
    expect(checkTaskDefinition('{')).toMatchObject({ ok: false, errors: [expect.stringMatching(/^not valid JSON/)] });
  });

  it('refuses what RegisterTaskDefinition refuses across fields: no essential container, awsvpc hostPort ≠ containerPort', () => {
    const web = valid.containerDefinitions[0]!;
    const errorsOf = (def: object) => {
      const result = checkTaskDefinition(JSON.stringify(def));
      return result.ok ? [] : result.errors;
    };
    expect(errorsOf({ ...valid, containerDefinitions: [{ ...web, essential: false }] })).toEqual([
      'containerDefinitions: a task needs at least one essential container (essential is true by default)',
    ]);
    const mapped = (hostPort: number) => ({ ...web, portMappings: [{ containerPort: 8080, hostPort }] });
    expect(errorsOf({ ...valid, networkMode: 'awsvpc', containerDefinitions: [mapped(80)] })).toEqual([
      'containerDefinitions[0].portMappings[0].hostPort: with networkMode awsvpc it must be left out or equal containerPort (8080), not 80',
    ]);
    expect(errorsOf({ ...valid, networkMode: 'awsvpc', containerDefinitions: [mapped(8080)] })).toEqual([]);
    expect(errorsOf({ ...valid, networkMode: 'bridge', containerDefinitions: [mapped(80)] })).toEqual([]);
  });

  it('refuses the memory, naming and dependency mistakes ECS refuses, and accepts their right forms', () => {
    const web = valid.containerDefinitions[0]!;
    const errorsOf = (def: object) => {
      const result = checkTaskDefinition(JSON.stringify(def));
      return result.ok ? [] : result.errors;
    };
    const sidecar = { name: 'log', image: 'containerlings/busybox', essential: false, memory: 64 };
    // Container memory above the task's; a reservation above the limit.
    expect(errorsOf({ ...valid, containerDefinitions: [{ ...web, memory: 1024 }] })).toEqual([
      "containerDefinitions[0].memory: 1024 MiB is more than the task's memory (512 MiB)",
    ]);
    expect(errorsOf({ ...valid, memory: '1 GB', containerDefinitions: [{ ...web, memory: 1024 }] })).toEqual([]);
    expect(errorsOf({ ...valid, containerDefinitions: [{ ...web, memory: 128, memoryReservation: 256 }] })).toEqual([
      'containerDefinitions[0].memoryReservation: 256 MiB is more than its memory limit (128 MiB); ' +
        'the reservation must fit within the limit',
    ]);
    // Two containers with one name; dependsOn naming a container the task does not have, or itself.
    expect(errorsOf({ ...valid, containerDefinitions: [web, { ...web, essential: false }] })).toEqual([
      'containerDefinitions[1].name: "web" is already the name of another container',
    ]);
    const waits = (containerName: string) => ({
      ...valid,
      containerDefinitions: [{ ...web, dependsOn: [{ containerName, condition: 'START' }] }, sidecar],
    });
    expect(errorsOf(waits('log'))).toEqual([]);
    expect(errorsOf(waits('db'))).toEqual([
      'containerDefinitions[0].dependsOn[0].containerName: no container of this task is called "db"',
    ]);
    expect(errorsOf(waits('web'))).toEqual([
      'containerDefinitions[0].dependsOn[0].containerName: a container cannot wait for itself',
    ]);
    // On EC2 (the default), with no task memory, each container needs memory or memoryReservation.
    const { memory: _, cpu: __, ...noTaskSize } = valid;
    expect(errorsOf(noTaskSize)).toEqual([
      'containerDefinitions[0].memory: on EC2, each container needs memory or memoryReservation when the task sets no memory',
    ]);
    expect(errorsOf({ ...noTaskSize, containerDefinitions: [{ ...web, memoryReservation: 128 }] })).toEqual([]);
    // secrets name where a value comes from (valueFrom), never the value; MANAGED_INSTANCES is in the model's enum.
    expect(
      errorsOf({ ...valid, containerDefinitions: [{ ...web, secrets: [{ name: 'TOKEN', value: 'x' }] }] }),
    ).toEqual(
      expect.arrayContaining([
        'containerDefinitions[0].secrets[0].valueFrom: required, but missing',
        'containerDefinitions[0].secrets[0].value: not a RegisterTaskDefinition field',
      ]),
    );
    expect(
      errorsOf({
        ...valid,
        containerDefinitions: [
          { ...web, secrets: [{ name: 'TOKEN', valueFrom: 'arn:aws:ssm:eu-west-1:1:parameter/t' }] },
        ],
      }),
    ).toEqual([]);
    expect(errorsOf({ ...valid, requiresCompatibilities: ['MANAGED_INSTANCES'] })).toEqual([]);
  });

  it("knows which rules are Fargate's: what the model says Fargate does not support is refused there, kept on EC2", () => {
    const heavy = {
      family: 'heavy',
      cpu: '256',
      memory: '512',
      networkMode: 'awsvpc',
      pidMode: 'host',
      ipcMode: 'task',
      volumes: [
        { name: 'data', dockerVolumeConfiguration: { scope: 'task' } },
        { name: 'logs', host: { sourcePath: '/var/log' } },
      ],
      containerDefinitions: [
        {
          name: 'web',
          image: 'containerlings/greeter',
          privileged: true,
          dockerSecurityOptions: ['no-new-privileges'],
          linuxParameters: {
            initProcessEnabled: true,
            sharedMemorySize: 64,
            tmpfs: [{ containerPath: '/t', size: 8 }],
          },
        },
      ],
    };
    expect(checkTaskDefinition(JSON.stringify({ ...heavy, requiresCompatibilities: ['FARGATE'] }))).toMatchObject({
      ok: false,
      errors: [
        'pidMode: sharing the host\'s process namespace ("host") is not supported on Fargate; remove it',
        'ipcMode: an IPC mode is not supported on Fargate; remove it',
        'containerDefinitions[0].privileged: a privileged container is not supported on Fargate; remove it',
        'containerDefinitions[0].dockerSecurityOptions: dockerSecurityOptions is not supported on Fargate; remove it',
        'containerDefinitions[0].linuxParameters.sharedMemorySize: sharedMemorySize is not supported on Fargate; remove it',
        'containerDefinitions[0].linuxParameters.tmpfs: tmpfs is not supported on Fargate; remove it',
        'volumes[0].dockerVolumeConfiguration: a Docker volume is not supported on Fargate; remove it',
        'volumes[1].host.sourcePath: a bind mount of a host path is not supported on Fargate; remove it',
      ],
    });
    expect(checkTaskDefinition(JSON.stringify({ ...heavy, requiresCompatibilities: ['EC2'] }))).toMatchObject({
      ok: true,
    });
    expect(checkTaskDefinition(JSON.stringify(heavy))).toMatchObject({ ok: true });
    const fargate = { ...valid, requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', pidMode: 'task' };
    const plain = [{ ...valid.containerDefinitions[0], privileged: false, dockerSecurityOptions: [] }];
    expect(checkTaskDefinition(JSON.stringify({ ...fargate, containerDefinitions: plain }))).toMatchObject({
      ok: true,
    });
  });

  it("knows which rules are the network mode's: links need bridge, awsvpc has no hostname or extraHosts", () => {
    const web = {
      name: 'web',
      image: 'containerlings/greeter',
      links: ['db'],
      hostname: 'web',
      extraHosts: [{ hostname: 'db', ipAddress: '10.0.0.2' }],
      portMappings: [{ containerPort: 8080, hostPort: 80 }],
    };
    const db = { name: 'db', image: 'postgres' };
    const task = (networkMode?: string) => JSON.stringify({ ...valid, networkMode, containerDefinitions: [web, db] });
    expect(checkTaskDefinition(task())).toMatchObject({ ok: true });
    expect(checkTaskDefinition(task('bridge'))).toMatchObject({ ok: true });
    expect(checkTaskDefinition(task('awsvpc'))).toMatchObject({
      errors: [
        'containerDefinitions[0].links: links work only with networkMode bridge, not "awsvpc"; remove them',
        'containerDefinitions[0].hostname: not supported with networkMode awsvpc; remove it',
        'containerDefinitions[0].extraHosts: not supported with networkMode awsvpc; remove it',
        'containerDefinitions[0].portMappings[0].hostPort: with networkMode awsvpc it must be left out or equal ' +
          'containerPort (8080), not 80',
      ],
    });
    expect(checkTaskDefinition(task('host'))).toMatchObject({
      errors: [
        'containerDefinitions[0].links: links work only with networkMode bridge, not "host"; remove them',
        'containerDefinitions[0].portMappings[0].hostPort: with networkMode host it must be left out or equal ' +
          'containerPort (8080), not 80',
      ],
    });
  });

  it('turns ECS cpu units and MiB into Docker limits', () => {
    expect(nanoCpus('256')).toBe(250_000_000);
    expect(nanoCpus('1 vCPU')).toBe(1_000_000_000);
    expect(memoryBytes('512')).toBe(512 * 1024 * 1024);
    expect(memoryBytes('1 GB')).toBe(1024 * 1024 * 1024);
  });
});
