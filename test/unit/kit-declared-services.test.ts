// The kit refuses to run a task definition whose family names a service the exercise does not declare: such a
// service would outlive every reset (ecs-run-local's renamed family left cl-greeterx behind). No engine is touched.
import { describe, expect, it } from 'vitest';
import { createKit } from '../../src/checks/kit/kit.js';
import type { Engine } from '../../src/sandbox/engine/connection.js';

const kit = (declaredServices: readonly string[]) =>
  createKit({
    // Any use of the engine fails the test: the guard must answer before it.
    engine: new Proxy({}, { get: () => expect.fail('the engine was used') }) as unknown as Engine,
    workspaceId: 'ws-unit',
    dir: '/nonexistent',
    startedAt: new Date(),
    signal: new AbortController().signal,
    declaredServices,
  });

describe('runTaskDefinitionLocally and the declared services', () => {
  it('throws, naming the service, for a family the exercise does not declare', async () => {
    await expect(
      kit(['cl-greeter']).runTaskDefinitionLocally({ family: 'greeterx', containerDefinitions: [] }),
    ).rejects.toThrow(/cl-greeterx, which this exercise does not declare \(it declares cl-greeter\)/);
    await expect(kit([]).runTaskDefinitionLocally({ family: 'greeter', containerDefinitions: [] })).rejects.toThrow(
      /declares no service/,
    );
  });
});
