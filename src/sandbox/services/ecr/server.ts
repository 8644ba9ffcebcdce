// The local ECR endpoint: one HTTP server on 127.0.0.1 that speaks ECR's JSON 1.1 protocol on `POST /`
// (X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.<Operation>) and proxies /v2/ to the local registry,
// so `repositoryUri` (localhost:<port>/<name>) is where docker pushes, as with a real ECR registry.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { EcrError } from './errors.js';
import { checkInput } from './inputs.js';
import { operations } from './operations.js';
import { proxyRegistry, type ProxyContext } from './proxy.js';

export const TARGET_PREFIX = 'AmazonEC2ContainerRegistry_V20150921.';
const JSON_TYPE = 'application/x-amz-json-1.1';

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': JSON_TYPE,
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': crypto.randomUUID(),
  });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new EcrError('SerializationException', 'The request body is not valid JSON.');
  }
}

export async function handleApi(ctx: ProxyContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = String(req.headers['x-amz-target'] ?? '');
  try {
    if (!target.startsWith(TARGET_PREFIX))
      throw new EcrError('UnknownOperationException', `Unknown target: ${target || '(none)'}`);
    // No signature check: the endpoint is bound to loopback, and local mode's credentials are placeholders.
    const operation = operations[target.slice(TARGET_PREFIX.length)];
    if (!operation)
      throw new EcrError(
        'UnknownOperationException',
        `The local ECR endpoint does not implement ${target.slice(TARGET_PREFIX.length)}.`,
      );
    const input = await readJson(req);
    checkInput(target.slice(TARGET_PREFIX.length), input);
    send(res, 200, await operation(ctx, input));
  } catch (e) {
    if (e instanceof EcrError) send(res, e.status, { __type: e.type, message: e.message });
    else send(res, 500, { __type: 'ServerException', message: (e as Error).message });
  }
}

export function createEndpoint(ctx: ProxyContext): Server {
  return createServer((req, res) => {
    const path = req.url ?? '/';
    const work = path.startsWith('/v2')
      ? proxyRegistry(ctx, req, res)
      : req.method === 'POST'
        ? handleApi(ctx, req, res)
        : Promise.resolve(
            send(res, 404, {
              __type: 'UnknownOperationException',
              message: 'POST / with X-Amz-Target, or /v2/ for the registry.',
            }),
          );
    work.catch((e: Error) => {
      if (!res.headersSent) send(res, 500, { __type: 'ServerException', message: e.message });
      else res.destroy();
    });
  });
}
