// Fargate's extra rules for a task definition, and the health check's command form, each error naming the field.
import { describe, expect, it } from 'vitest';
import { checkTaskDefinition } from '../../src/sandbox/ecs/task-definition.js';

const fargate = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    family: 'greeter',
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    containerDefinitions: [{ name: 'web', image: 'containerlings/greeter' }],
    ...over,
  });
const errors = (text: string) => {
  const r = checkTaskDefinition(text);
  return r.ok ? [] : r.errors;
};

describe('Fargate task definitions', () => {
  it('accepts a size Fargate offers, in units or in words', () => {
    expect(checkTaskDefinition(fargate())).toMatchObject({ ok: true });
    expect(checkTaskDefinition(fargate({ cpu: '1 vCPU', memory: '3 GB' }))).toMatchObject({ ok: true });
    expect(checkTaskDefinition(fargate({ cpu: '512', memory: '4096' }))).toMatchObject({ ok: true });
  });

  it('names the field of each Fargate rule it breaks', () => {
    expect(errors(fargate({ memory: '4096' }))).toEqual([
      'memory: with cpu "256", Fargate offers 512, 1024, 2048 MiB, not 4096',
    ]);
    expect(errors(fargate({ cpu: '300' }))).toEqual([
      'cpu: Fargate offers 256, 512, 1024, 2048, 4096, 8192, 16384 CPU units, not 300',
    ]);
    expect(errors(fargate({ networkMode: 'bridge' }))).toEqual([
      'networkMode: Fargate tasks need "awsvpc", not "bridge"',
    ]);
    expect(errors(fargate({ cpu: undefined, memory: undefined }))).toEqual([
      'cpu: required for Fargate, at task level (CPU units as a string, such as "256")',
      'memory: required for Fargate, at task level (MiB as a string, such as "512")',
    ]);
  });

  it('leaves sizes free without FARGATE', () => {
    expect(
      checkTaskDefinition(fargate({ requiresCompatibilities: ['EC2'], networkMode: 'bridge', memory: '4096' })),
    ).toMatchObject({ ok: true });
  });

  it('wants a health check command that starts with CMD or CMD-SHELL, and a timeout of at most 60 s', () => {
    const withHealth = (healthCheck: unknown) =>
      fargate({ containerDefinitions: [{ name: 'web', image: 'x', healthCheck }] });
    expect(errors(withHealth({ command: ['CMD-SHELL', 'true'] }))).toEqual([]);
    expect(errors(withHealth({ command: ['wget', '-q', 'http://127.0.0.1/'] }))[0]).toMatch(
      /^containerDefinitions\[0\]\.healthCheck\.command: the first element must be "CMD"/,
    );
    expect(errors(withHealth({ command: ['CMD', 'true'], timeout: 90 }))[0]).toMatch(
      /^containerDefinitions\[0\]\.healthCheck\.timeout: /,
    );
  });
});
