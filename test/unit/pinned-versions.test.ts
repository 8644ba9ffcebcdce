// The pins the README explains ("Why these versions are pinned"): the Node 20 line of ink, vitest and
// @inquirer/prompts, and one version for every AWS SDK client, which share @aws-sdk/core and the smithy runtime.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const all = { ...pkg.dependencies, ...pkg.devDependencies };

it('pins every @aws-sdk/client-* to one exact version', () => {
  const clients = Object.entries(all).filter(([name]) => name.startsWith('@aws-sdk/client-'));
  expect(clients.length).toBeGreaterThanOrEqual(4);
  expect(new Set(clients.map(([, v]) => v)).size, JSON.stringify(clients)).toBe(1);
  expect(clients[0]![1]).toMatch(/^\d+\.\d+\.\d+$/);
});

it('keeps the majors that still run on Node 20', () => {
  expect(all.ink).toMatch(/^6\.8\./);
  expect(all.vitest).toMatch(/^~?4\.1\./);
  expect(all['@inquirer/prompts']).toMatch(/^8\.7\./);
});
