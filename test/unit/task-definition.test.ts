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

  it('turns ECS cpu units and MiB into Docker limits', () => {
    expect(nanoCpus('256')).toBe(250_000_000);
    expect(nanoCpus('1 vCPU')).toBe(1_000_000_000);
    expect(memoryBytes('512')).toBe(512 * 1024 * 1024);
    expect(memoryBytes('1 GB')).toBe(1024 * 1024 * 1024);
  });
});
