// Given a strange engine address, when a learner command needs the engine, then it says what is wrong with the
// address (exit 2): never "Invalid URL" with a stack, never a fail verdict judged against a server that is not Docker.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, STACK_FRAME, tempDir } from '../support/cli.js';

const NO_ENGINE = { DOCKER_HOST: 'unix:///nonexistent.sock' };
let ws: string;
let notDocker: Server;
let silent: Server;

const listen = (server: Server) =>
  new Promise<string>((done) =>
    server.listen(0, '127.0.0.1', () => done(`tcp://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );

beforeAll(async () => {
  ws = tempDir('cl-address-');
  expect((await runCli(['init', ws], { env: NO_ENGINE })).code).toBe(0);
  notDocker = createServer((_, res) => res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'));
  silent = createServer(() => undefined); // accepts, never answers
}, 60_000);

afterAll(() => {
  notDocker.close();
  silent.closeAllConnections();
  silent.close();
});

describe('a strange engine address', () => {
  it.each(['garbage', 'ftp://example.invalid'])('DOCKER_HOST=%s: a message about the address, exit 2', async (host) => {
    const run = await runCli(['check', 'first-image', '--workspace', ws], { env: { DOCKER_HOST: host } });
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toMatch(/is not one Docker understands/);
    expect(run.stdout + run.stderr).not.toMatch(STACK_FRAME);
  });

  it('ssh:// gives the engine message, without a Node deprecation warning', async () => {
    const run = await runCli(['check', 'first-image', '--workspace', ws], {
      env: { DOCKER_HOST: 'ssh://nobody@127.0.0.1:1' },
    });
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toMatch(/nothing answers at ssh:/);
    expect(run.stderr).not.toMatch(/DeprecationWarning|DEP0170/);
  });

  it('a web server that is not Docker: an error (exit 2), not a fail', async () => {
    const run = await runCli(['check', 'first-image', '--workspace', ws], {
      env: { DOCKER_HOST: await listen(notDocker) },
    });
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toMatch(/it is not a Docker engine/);
  });

  it('an address that accepts but never answers: an error within the ping timeout', async () => {
    const run = await runCli(['check', 'first-image', '--workspace', ws], {
      env: { DOCKER_HOST: await listen(silent) },
    });
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toMatch(/nothing answers at tcp:\/\/127\.0\.0\.1/);
  }, 30_000);
});
