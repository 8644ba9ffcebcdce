// The registry side of the endpoint: docker talks to localhost:<endpoint port>/v2/..., and every request is
// passed to the real registry (which checks the password against its htpasswd). On the way, the proxy does
// what ECR does and a plain registry cannot: it refuses pushes to a repository that was never created, and
// refuses to overwrite a tag in an IMMUTABLE repository. A notification from the registry would come after
// the push had already replaced the tag, so enforcing it here, before the registry sees the manifest, is
// what really works.
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { manifestDigest } from '../registry/registry-api.js';
import { immutableTag, LOCAL_ACCOUNT } from './errors.js';
import { movesImmutableTag } from './images.js';
import type { EndpointContext } from './endpoint.js';
import { readState, recordPush } from './state.js';

interface Target {
  readonly repo: string;
  readonly kind: 'manifests' | 'blobs' | 'tags';
  readonly reference: string;
}

export function parseTarget(path: string): Target | undefined {
  const m = /^\/v2\/(.+?)\/(manifests|blobs|tags)\/?([^?]*)/.exec(path);
  return m ? { repo: m[1]!, kind: m[2] as Target['kind'], reference: m[3] ?? '' } : undefined;
}

function registryError(res: ServerResponse, status: number, code: string, message: string) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Docker-Distribution-Api-Version': 'registry/2.0' });
  res.end(JSON.stringify({ errors: [{ code, message, detail: null }] }));
}

/**
 * Passes the request on to the registry and its answer back. `beforeAnswer` runs once the registry has answered and
 * before the client hears it: a push is on record by the time `docker push` returns (a ListImages right after it
 * must see the image).
 */
function forward(
  ctx: ProxyContext,
  req: IncomingMessage,
  res: ServerResponse,
  body?: Buffer,
  beforeAnswer?: (status: number) => Promise<void>,
): Promise<number> {
  return new Promise((resolve) => {
    // The Host header is kept, so the registry's upload URLs (Location) point back at this proxy.
    const upstream = request(
      { host: ctx.registryHostname, port: ctx.registryPort, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const status = answer.statusCode ?? 502;
        void (beforeAnswer?.(status) ?? Promise.resolve())
          .catch(() => undefined)
          .then(() => {
            res.writeHead(status, answer.headers);
            answer.pipe(res);
            answer.on('end', () => resolve(status));
          });
      },
    );
    upstream.on('error', (e) => {
      if (!res.headersSent) registryError(res, 502, 'UNAVAILABLE', `the local registry is not answering: ${e.message}`);
      else res.destroy();
      resolve(502);
    });
    if (body) upstream.end(body);
    else req.pipe(upstream);
  });
}

/** Does this Authorization header log in? Asked of the registry, so there is one source of truth. */
async function loggedIn(ctx: ProxyContext, authorization: string | undefined): Promise<boolean> {
  if (!authorization) return false;
  const r = await fetch(`http://${ctx.registryHostname}:${ctx.registryPort}/v2/`, {
    headers: { Authorization: authorization },
  });
  await r.body?.cancel();
  return r.status === 200;
}

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

export interface ProxyContext extends EndpointContext {
  /** Where the real registry listens: 127.0.0.1 for ours, or the host of one the learner configured. */
  readonly registryHostname: string;
  readonly registryPort: number;
}

export async function proxyRegistry(ctx: ProxyContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = parseTarget(req.url ?? '');
  if (!target) return void (await forward(ctx, req, res));
  const state = await readState(ctx.files.ecrState);
  const repo = state.repositories[target.repo];
  if (!repo) {
    // Not logged in comes first, as with ECR: 401 from the registry itself.
    if (!(await loggedIn(ctx, req.headers.authorization))) return void (await forward(ctx, req, res));
    return registryError(
      res,
      404,
      'NAME_UNKNOWN',
      `The repository with name '${target.repo}' does not exist in the registry with id '${LOCAL_ACCOUNT}'`,
    );
  }
  const isTagPush = req.method === 'PUT' && target.kind === 'manifests' && !target.reference.startsWith('sha256:');
  if (!isTagPush) return void (await forward(ctx, req, res));
  const body = await readBody(req);
  const digest = manifestDigest(body);
  // Refused only for a learner who is logged in; anyone else gets the registry's own 401.
  if (
    (await movesImmutableTag(ctx, repo, target.reference, digest)) &&
    (await loggedIn(ctx, req.headers.authorization))
  ) {
    return registryError(res, 400, 'TAG_INVALID', immutableTag(target.reference, repo.name));
  }
  await forward(ctx, req, res, body, async (status) => {
    if (status === 201) await recordPush(ctx.files.ecrState, repo.name, digest);
  });
}
