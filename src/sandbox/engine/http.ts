// GETs to ports the engine publishes on its loopback, for checks: straight from this machine, or sent by a labelled
// throw-away busybox on the engine's host network when this machine does not reach that loopback (engine-reach.ts).
import type { HttpResponse } from './types.js';
import { UserError } from '../../errors.js';
import { runThrowaway } from './containers.js';
import type { Engine } from './connection.js';
import { isDeadline, seconds, withDeadline } from './deadline.js';

/** Our probes and requests from the engine's side run in the first lesson's base image, there on every engine we use. */
export const PROBE_IMAGE = 'containerlings/busybox';

/** How long one request may take to answer (status, headers and body) once its connection is accepted. */
export const ANSWER_WITHIN_MS = 5000;

/**
 * GET on loopback only, from this machine, retrying for a few seconds while a freshly started service comes up
 * (nothing listening yet). A service that accepts the connection but does not answer within ANSWER_WITHIN_MS is
 * not retried: status 0, and the body says so, since that is the service's fault.
 */
export async function httpGet(url: string, signal: AbortSignal, retryForMs = 5000): Promise<HttpResponse> {
  const target = loopbackUrl(url);
  const deadline = Date.now() + retryForMs;
  for (;;) {
    let status = 0;
    try {
      return await withDeadline(ANSWER_WITHIN_MS, signal, async (request) => {
        const response = await fetch(target, { signal: request });
        status = response.status;
        return { status, body: await response.text() };
      });
    } catch (e) {
      if (signal.aborted) throw e;
      if (isDeadline(e)) return { status: 0, body: `no answer: ${silence(target, status)}` };
      if (Date.now() > deadline) return { status: 0, body: `no answer: ${reason(e)}` };
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

function silence(target: URL, status: number): string {
  const port = `port ${target.port || '80'}`;
  const within = `within ${seconds(ANSWER_WITHIN_MS)}`;
  return status
    ? `${port} answered ${status} but did not finish sending its body ${within}`
    : `${port} accepted the connection but sent no answer ${within}`;
}

const reason = (e: unknown) => (e as Error & { cause?: Error }).cause?.message ?? (e as Error).message;

/**
 * The same GET, sent by a labelled throw-away busybox on the engine's host network, so that it reaches the engine's
 * loopback. Same answers as httpGet: status and body, redirects followed (on loopback only), status 0 when nothing
 * answers within the retry window.
 */
export async function httpViaEngine(
  engine: Engine,
  workspaceId: string,
  url: string,
  signal: AbortSignal,
  retryForMs = 5000,
): Promise<HttpResponse> {
  let target = loopbackUrl(url);
  if (target.protocol !== 'http:')
    throw new UserError(
      `${url} is on the engine's loopback, which this machine does not reach, and only http can be sent from the engine's side.`,
      'Use a local engine for this exercise.',
      'engine',
    );
  for (let hop = 0; hop < 20; hop++) {
    const host = target.hostname.replace(/^\[|\]$/g, '');
    const port = target.port || '80';
    const seconds = Math.ceil(retryForMs / 1000);
    const run = await runThrowaway(
      engine,
      workspaceId,
      PROBE_IMAGE,
      {
        cmd: [
          'sh',
          '-c',
          REQUEST_SCRIPT,
          'request',
          target.pathname + target.search,
          target.host,
          host,
          port,
          String(seconds),
        ],
        memoryMb: 32,
        timeout: seconds + 15,
      },
      signal,
      { network: 'host' },
    );
    if (run.exitCode === 3) return { status: 0, body: `no answer: ${run.stdout.trim() || 'connection refused'}` };
    // nc waited on a connection that never answered, until the run's own limit stopped it: the service's fault.
    if (run.timedOut && !signal.aborted)
      return { status: 0, body: `no answer: port ${port} sent no answer within ${seconds + 15} s` };
    if (run.exitCode !== 0)
      throw new UserError(
        `The request to ${target.href} from the engine's side failed: ${(run.stderr || run.stdout).trim()}`,
        'Check that the engine can run containerlings/busybox on its host network ' +
          '(`docker run --rm --network host containerlings/busybox true`).',
        'engine',
      );
    const response = parseHttpResponse(run.stdout);
    const location = response.headers.location;
    if (![301, 302, 303, 307, 308].includes(response.status) || !location)
      return { status: response.status, body: response.body };
    target = loopbackUrl(new URL(location, target).href);
  }
  return { status: 0, body: `no answer: too many redirects from ${url}` };
}

// printf's format for the request line and headers: $1 is the path, $2 the Host header.
const REQUEST_FORMAT =
  'GET %s HTTP/1.0\\r\\nHost: %s\\r\\nUser-Agent: containerlings\\r\\n' +
  'Accept: */*\\r\\nConnection: close\\r\\n\\r\\n';

// Retries while nothing answers (connection refused, or closed without a byte), like fetch's retry loop above.
const REQUEST_SCRIPT = `end=$(( $(date +%s) + $5 ))
while :; do
  printf '${REQUEST_FORMAT}' "$1" "$2" | nc -w 5 "$3" "$4" >/tmp/r 2>/tmp/e
  [ -s /tmp/r ] && exec cat /tmp/r
  [ "$(date +%s)" -ge "$end" ] && { sed 's/^nc: //' /tmp/e; exit 3; }
  usleep 200000
done`;

/** Status, lower-case headers and body of a raw HTTP/1.x response (chunked bodies decoded). */
export function parseHttpResponse(raw: string): { status: number; headers: Record<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  let body = split < 0 ? '' : raw.slice(split + 4);
  const [statusLine, ...lines] = head.split('\r\n');
  const status = Number(/^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(body);
  return { status, headers, body };
}

function dechunk(text: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const eol = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, eol < 0 ? undefined : eol), 16);
    if (eol < 0 || !size) return out;
    out += rest.slice(eol + 2, eol + 2 + size);
    rest = rest.slice(eol + 2 + size + 2);
  }
}

export function loopbackUrl(url: string): URL {
  const target = new URL(url);
  const host = target.hostname;
  const loopback = /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]' || host === 'localhost';
  if (!loopback) throw new Error(`checks may only send requests to loopback, not ${host}`);
  return target;
}
