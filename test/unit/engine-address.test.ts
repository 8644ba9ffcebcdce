// Given a strange engine address, when a learner command needs the engine, then it says what is wrong with the
// address (exit 2): never "Invalid URL" with a stack, never a fail verdict judged against a server that is not Docker.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, STACK_FRAME, tempDir } from '../support/cli.js';
import { resultsValidator } from '../support/results-schema.js';

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

describe('no engine at all, for the grading commands', () => {
  const progressOf = () => readFileSync(join(ws, '.containerlings', 'progress.json'), 'utf8');

  it('check --all --json still prints a valid results document: every exercise an error that says why, exit 2', async () => {
    const before = progressOf();
    const run = await runCli(['check', '--all', '--json', '--workspace', ws], { env: NO_ENGINE });
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).not.toMatch(STACK_FRAME);
    const doc = JSON.parse(run.stdout);
    const validate = resultsValidator();
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.summary.error).toBe(doc.summary.total);
    expect(doc.summary.total).toBeGreaterThan(0);
    expect(doc.engine.endpoint).toBe('unix:///nonexistent.sock');
    for (const r of doc.results) expect(r.message).toMatch(/nothing answers at unix:\/\/\/nonexistent\.sock/);
    // No verdict was reached, so no exercise's record changed.
    expect(progressOf()).toBe(before);
  });

  it('submit writes the bundle with the reason and says to submit again once the engine runs, exit 2', async () => {
    const out = tempDir('cl-submit-');
    const run = await runCli(['submit', '--student', 'ada', '--out', out, '--workspace', ws], { env: NO_ENGINE });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/Nothing could be judged: Docker is not running/);
    expect(run.stdout).toMatch(/run `containerlings submit` again/);
    expect(readdirSync(out)).toEqual(['ada.containerlings-bundle.json']);
  });

  it('verify says the engine is missing (exit 2) and writes no verification record', async () => {
    const bundles = tempDir('cl-verify-');
    mkdirSync(join(bundles, 'empty'));
    const run = await runCli(['verify', bundles], { env: NO_ENGINE });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Docker is not running/);
    expect(existsSync(join(bundles, 'verification.json'))).toBe(false);
  });
});
