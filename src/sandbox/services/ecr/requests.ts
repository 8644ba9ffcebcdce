// A request as the operations read it: its JSON members, the ones it must give, the repository it names, and the
// page of a listing it asks for.
import type { EndpointContext } from './endpoint.js';
import { invalid, notFound } from './errors.js';
import type { ImageId } from './images.js';
import { readState, type EcrState, type RepositoryRecord } from './state.js';

/** A request's JSON body: the members the operations read, as the client sent them (not validated here). */
export interface Input {
  readonly [member: string]: unknown;
  readonly tags?: { Key: string; Value: string }[];
  readonly imageScanningConfiguration?: { scanOnPush?: boolean };
  readonly repositoryNames?: string[];
  readonly force?: boolean;
  readonly filter?: { tagStatus?: string };
  readonly imageIds?: ImageId[];
  readonly acceptedMediaTypes?: string[];
  readonly imageManifestMediaType?: string;
  readonly imageTag?: string;
  readonly imageDigest?: string;
  readonly maxResults?: unknown;
  readonly nextToken?: unknown;
  readonly encryptionConfiguration?: unknown;
}

/**
 * One page of a listing, as ECR pages: maxResults (1 to 1000) items from the nextToken on, and a nextToken when
 * more are left. A token is the position, opaque to the client; one that this endpoint did not give is refused.
 */
export function page<T>(items: readonly T[], input: Input, what: string): { items: T[]; nextToken?: string } {
  const max = input.maxResults;
  if (max !== undefined && (!Number.isInteger(max) || (max as number) < 1 || (max as number) > 1000))
    throw invalid('maxResults', 'Member must have value between 1 and 1000');
  let start = 0;
  if (input.nextToken !== undefined) {
    const match = typeof input.nextToken === 'string' ? /^page-(\d+)-(\w+)$/.exec(input.nextToken) : null;
    if (!match || match[2] !== what) throw invalid('nextToken', 'Invalid pagination token');
    start = Number(match[1]);
  }
  const end = max === undefined ? items.length : Math.min(items.length, start + (max as number));
  return { items: items.slice(start, end), ...(end < items.length ? { nextToken: `page-${end}-${what}` } : {}) };
}

export function required(input: Input, field: string): string {
  const value = input[field];
  if (typeof value !== 'string' || !value) throw invalid(field, 'Member must not be null');
  return value;
}

export function repositoryIn(state: EcrState, name: string): RepositoryRecord {
  const repo = state.repositories[name];
  if (!repo) throw notFound(name);
  return repo;
}

export const repositoryFor = async (ctx: EndpointContext, input: Input) =>
  repositoryIn(await readState(ctx.files.ecrState), required(input, 'repositoryName'));
