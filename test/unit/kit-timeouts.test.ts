// Every kit timeout that needs no engine fires on time, with real loopback sockets and real processes, while the
// garbage collector runs over and over (it is what made AbortSignal.any lose its timeout on Node 20, #57736).
import { createServer, type Server, type Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_WITHIN_MS, httpGet } from '../../src/sandbox/engine/http.js';
import { run } from '../../src/sandbox/process.js';
import { DeadlineExceeded, withDeadline } from '../../src/sandbox/engine/deadline.js';

const SLACK_MS = 1500;
let gc: () => void;
const servers: Server[] = [];
const sockets = new Set<Socket>();

beforeAll(() => {
  setFlagsFromString('--expose-gc');
  gc = runInNewContext('gc') as () => void;
});

afterEach(async () => {
  sockets.forEach((s) => s.destroy());
  sockets.clear();
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

/** A loopback TCP server that does `onConnection` with each accepted socket; resolves with its URL. */
async function serve(onConnection: (socket: Socket) => void): Promise<string> {
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    onConnection(socket);
  });
  servers.push(server);
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
}

/** Runs `work` while collecting garbage every 20 ms; resolves with its result and how long it took. */
async function underGcPressure<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const collector = setInterval(gc, 20);
  const start = Date.now();
  try {
    const value = await work();
    return { value, ms: Date.now() - start };
  } finally {
    clearInterval(collector);
  }
}

const respond = (socket: Socket, body = 'late') =>
  socket.end(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);

describe('kit.http (httpGet) under garbage-collector pressure', () => {
  it('Given a port that accepts and never answers, it says so (a fail, not an error) within its deadline', async () => {
    const url = await serve(() => {});
    const { value, ms } = await underGcPressure(() => httpGet(url, new AbortController().signal));
    expect(value.status).toBe(0);
    expect(value.body).toMatch(/port \d+ accepted the connection but sent no answer within 5 s/);
    expect(ms).toBeGreaterThanOrEqual(ANSWER_WITHIN_MS - 50);
    expect(ms).toBeLessThan(ANSWER_WITHIN_MS + SLACK_MS);
  }, 20_000);

  it('Given a port that answers after the deadline, the answer comes too late and is not taken', async () => {
    const url = await serve((socket) => setTimeout(() => respond(socket), ANSWER_WITHIN_MS + 2000));
    const { value, ms } = await underGcPressure(() => httpGet(url, new AbortController().signal));
    expect(value).toEqual({ status: 0, body: expect.stringMatching(/sent no answer within 5 s/) });
    expect(ms).toBeLessThan(ANSWER_WITHIN_MS + SLACK_MS);
  }, 20_000);

  it('Given a port that sends its headers and stalls the body, it says the body never finished', async () => {
    const url = await serve((socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial'));
    const { value, ms } = await underGcPressure(() => httpGet(url, new AbortController().signal));
    expect(value.body).toMatch(/answered 200 but did not finish sending its body within 5 s/);
    expect(ms).toBeLessThan(ANSWER_WITHIN_MS + SLACK_MS);
  }, 20_000);

  it('Given a port that answers in time, it returns the answer', async () => {
    const url = await serve((socket) => setTimeout(() => respond(socket, 'hello'), 300));
    const { value } = await underGcPressure(() => httpGet(url, new AbortController().signal));
    expect(value).toEqual({ status: 200, body: 'hello' });
  }, 20_000);

  it('Given a cancel while the port is silent, it stops at once with the cancel, not a verdict', async () => {
    const url = await serve(() => {});
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(new Error('cancelled by the learner')), 300);
    const { value, ms } = await underGcPressure(() => httpGet(url, cancel.signal).catch((e: Error) => e.message));
    expect(value).toBe('cancelled by the learner');
    expect(ms).toBeLessThan(300 + SLACK_MS);
  }, 20_000);
});

describe('the pattern withDeadline replaces', () => {
  // Node 20 loses the timeout of AbortSignal.any([..., AbortSignal.timeout()]) once the GC runs (nodejs/node#57736).
  // When a Node release fixes it, this test fails: then the comment at the top of deadline.ts can say so.
  it.runIf(process.versions.node.startsWith('20.'))(
    'Given AbortSignal.any with AbortSignal.timeout(500), a silent port hangs the fetch past 3 s on Node 20',
    async () => {
      const url = await serve(() => {});
      const outer = new AbortController();
      const old = fetch(url, { signal: AbortSignal.any([outer.signal, AbortSignal.timeout(500)]) }).then(
        () => 'answered',
        (e: Error) => `rejected: ${e.name}`,
      );
      const { value } = await underGcPressure(() =>
        Promise.race([old, new Promise((r) => setTimeout(() => r('still hanging after 3 s'), 3000))]),
      );
      expect(value).toBe('still hanging after 3 s');
      outer.abort(); // let the old fetch go
      await old;
    },
    20_000,
  );

  it('Given withDeadline(500) on the same silent port, the fetch rejects with DeadlineExceeded on time', async () => {
    const url = await serve(() => {});
    const { value, ms } = await underGcPressure(() =>
      withDeadline(500, new AbortController().signal, (signal) => fetch(url, { signal })).catch((e: unknown) => e),
    );
    expect(value).toBeInstanceOf(DeadlineExceeded);
    expect(ms).toBeLessThan(500 + SLACK_MS);
  }, 20_000);
});

describe('process timeouts (kit.build, kit.pipeline, kit.kubectl, kit.oomKills) under garbage-collector pressure', () => {
  it('Given a program that outlives its limit, run stops it and says timedOut within the limit', async () => {
    const { value, ms } = await underGcPressure(() => run(['sleep', '30'], { timeoutMs: 500, graceMs: 500 }));
    expect(value.timedOut).toBe(true);
    expect(value.code).toBeNull();
    expect(ms).toBeLessThan(500 + SLACK_MS);
  }, 20_000);
});
