// The ECR operations the lessons use, answered from the state file (repositories and their settings) and
// the registry's API (images, digests, tags, sizes). Shapes follow the ECR service model (2015-09-21).
import { currentAwsPassword } from '../registry/htpasswd.js';
import type { RegistryApi } from '../registry/registry-api.js';
import type { SandboxFiles } from '../registry/sandbox-dir.js';
import { EcrError, invalid, LOCAL_ACCOUNT, notFound } from './errors.js';
import { imageIds, imagesOf, deleteImages, storedDigests, type ImageId } from './images.js';
import { readState, REPOSITORY_NAME, updateState, type EcrState, type RepositoryRecord } from './state.js';
import { validateLifecyclePolicy } from './lifecycle.js';
import { getImages, putImage } from './manifests.js';

export interface EndpointContext {
  readonly files: SandboxFiles;
  readonly registry: RegistryApi;
  /** host:port that docker pushes to: the endpoint itself, which proxies /v2/ to the registry. */
  readonly registryHost: string;
  readonly region: string;
}

/** A request's JSON body: the members the operations read, as the client sent them (not validated here). */
interface Input {
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

const arn = (ctx: EndpointContext, name: string) => `arn:aws:ecr:${ctx.region}:${LOCAL_ACCOUNT}:repository/${name}`;

function repositoryShape(ctx: EndpointContext, r: RepositoryRecord) {
  return {
    repositoryArn: arn(ctx, r.name),
    registryId: LOCAL_ACCOUNT,
    repositoryName: r.name,
    repositoryUri: `${ctx.registryHost}/${r.name}`,
    createdAt: r.createdAt,
    imageTagMutability: r.imageTagMutability,
    imageScanningConfiguration: { scanOnPush: r.scanOnPush },
    encryptionConfiguration: r.encryption ?? { encryptionType: 'AES256' },
  };
}

/** CreateRepository's encryptionConfiguration: AES256 (the default), or KMS / KMS_DSSE with an optional key. */
function encryption(ctx: EndpointContext, value: unknown): RepositoryRecord['encryption'] {
  if (value === undefined) return undefined;
  const given = value as { encryptionType?: unknown; kmsKey?: unknown };
  const type = given?.encryptionType;
  if (type !== 'AES256' && type !== 'KMS' && type !== 'KMS_DSSE')
    throw invalid(
      'encryptionConfiguration.encryptionType',
      'Member must satisfy enum value set: [AES256, KMS, KMS_DSSE]',
    );
  if (type === 'AES256') {
    if (given.kmsKey !== undefined) throw invalid('encryptionConfiguration.kmsKey', 'kmsKey is only allowed with KMS');
    return { encryptionType: type };
  }
  // Without a key, ECR uses the account's AWS managed key for ECR.
  const kmsKey =
    typeof given.kmsKey === 'string' && given.kmsKey
      ? given.kmsKey
      : `arn:aws:kms:${ctx.region}:${LOCAL_ACCOUNT}:alias/aws/ecr`;
  return { encryptionType: type, kmsKey };
}

/**
 * One page of a listing, as ECR pages: maxResults (1 to 1000) items from the nextToken on, and a nextToken when
 * more are left. A token is the position, opaque to the client; one that this endpoint did not give is refused.
 */
function page<T>(items: readonly T[], input: Input, what: string): { items: T[]; nextToken?: string } {
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

function required(input: Input, field: string): string {
  const value = input[field];
  if (typeof value !== 'string' || !value) throw invalid(field, 'Member must not be null');
  return value;
}

export function repositoryIn(state: EcrState, name: string): RepositoryRecord {
  const repo = state.repositories[name];
  if (!repo) throw notFound(name);
  return repo;
}

const repositoryFor = async (ctx: EndpointContext, input: Input) =>
  repositoryIn(await readState(ctx.files.ecrState), required(input, 'repositoryName'));

function mutability(value: unknown): 'MUTABLE' | 'IMMUTABLE' {
  if (value === undefined || value === 'MUTABLE' || value === 'IMMUTABLE')
    return (value ?? 'MUTABLE') as 'MUTABLE' | 'IMMUTABLE';
  throw invalid('imageTagMutability', 'Member must satisfy enum value set: [MUTABLE, IMMUTABLE]');
}

export const operations: Record<string, (ctx: EndpointContext, input: Input) => Promise<unknown>> = {
  async CreateRepository(ctx, input) {
    const name = required(input, 'repositoryName');
    if (!REPOSITORY_NAME.test(name))
      throw invalid(
        'repositoryName',
        "must satisfy regular expression '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*'",
      );
    const tags = (input.tags ?? []) as { Key: string; Value: string }[];
    if (!Array.isArray(tags) || tags.some((t) => !t?.Key))
      throw new EcrError('InvalidTagParameterException', 'Every tag needs a Key (a tag here is null or has none).');
    const record: RepositoryRecord = {
      name,
      createdAt: Math.floor(Date.now() / 1000),
      imageTagMutability: mutability(input.imageTagMutability),
      scanOnPush: Boolean(input.imageScanningConfiguration?.scanOnPush),
      ...(input.encryptionConfiguration !== undefined
        ? { encryption: encryption(ctx, input.encryptionConfiguration) }
        : {}),
      tags: tags.map((t) => ({ Key: t.Key, Value: t.Value ?? '' })),
      pushes: {},
    };
    await updateState(ctx.files.ecrState, (state) => {
      if (state.repositories[name])
        throw new EcrError(
          'RepositoryAlreadyExistsException',
          `The repository with name '${name}' already exists in the registry with id '${LOCAL_ACCOUNT}'`,
        );
      state.repositories[name] = record;
    });
    return { repository: repositoryShape(ctx, record) };
  },

  async DescribeRepositories(ctx, input) {
    const state = await readState(ctx.files.ecrState);
    const names: string[] | undefined = input.repositoryNames;
    if (names && (input.maxResults !== undefined || input.nextToken !== undefined))
      throw invalid('maxResults', 'maxResults and nextToken cannot be used together with repositoryNames');
    const found = names
      ? names.map((n) => repositoryIn(state, n))
      : Object.values(state.repositories).sort((a, b) => a.name.localeCompare(b.name));
    const { items, nextToken } = page(found, input, 'repositories');
    return { repositories: items.map((r) => repositoryShape(ctx, r)), ...(nextToken ? { nextToken } : {}) };
  },

  async DeleteRepository(ctx, input) {
    const name = required(input, 'repositoryName');
    const repo = repositoryIn(await readState(ctx.files.ecrState), name);
    const images = await imagesOf(ctx, repo);
    if (images.length && !input.force) {
      throw new EcrError(
        'RepositoryNotEmptyException',
        `The repository with name '${name}' in registry with id '${LOCAL_ACCOUNT}' cannot be deleted because it still contains images`,
      );
    }
    for (const digest of await storedDigests(ctx, repo)) await ctx.registry.deleteManifest(name, digest);
    await updateState(ctx.files.ecrState, (state) => void delete state.repositories[name]);
    return { repository: repositoryShape(ctx, repo) };
  },

  async ListImages(ctx, input) {
    const repo = await repositoryFor(ctx, input);
    const { items, nextToken } = page(imageIds(await imagesOf(ctx, repo), input.filter?.tagStatus), input, 'images');
    return { imageIds: items, ...(nextToken ? { nextToken } : {}) };
  },

  async DescribeImages(ctx, input) {
    const repo = await repositoryFor(ctx, input);
    let images = await imagesOf(ctx, repo);
    const wanted = input.imageIds as ImageId[] | undefined;
    if (wanted?.length && (input.maxResults !== undefined || input.nextToken !== undefined))
      throw invalid('maxResults', 'maxResults and nextToken cannot be used together with imageIds');
    if (wanted?.length) {
      images = wanted.map((id) => {
        const image = images.find(
          (i) =>
            (id.imageDigest ? i.digest === id.imageDigest : true) &&
            (id.imageTag ? i.tags.includes(id.imageTag) : true),
        );
        if (!image)
          throw new EcrError(
            'ImageNotFoundException',
            `The image with imageId {imageDigest:'${id.imageDigest ?? 'null'}', ` +
              `imageTag:'${id.imageTag ?? 'null'}'} does not exist within the repository with name '${repo.name}' ` +
              `in the registry with id '${LOCAL_ACCOUNT}'`,
          );
        return image;
      });
    }
    const status = input.filter?.tagStatus;
    if (status === 'TAGGED') images = images.filter((i) => i.tags.length);
    if (status === 'UNTAGGED') images = images.filter((i) => !i.tags.length);
    const paged = page(images, input, 'details');
    return {
      ...(paged.nextToken ? { nextToken: paged.nextToken } : {}),
      imageDetails: paged.items.map((i) => ({
        registryId: LOCAL_ACCOUNT,
        repositoryName: repo.name,
        imageDigest: i.digest,
        ...(i.tags.length ? { imageTags: i.tags } : {}),
        imageSizeInBytes: i.sizeBytes,
        imagePushedAt: i.pushedAt,
        imageManifestMediaType: i.mediaType,
        // Honest about scanning: the local endpoint never scans, even with scanOnPush on.
        ...(repo.scanOnPush
          ? {
              imageScanStatus: {
                status: 'UNSUPPORTED_IMAGE',
                description: 'The local ECR endpoint does not scan images; real ECR would scan this one on push.',
              },
            }
          : {}),
      })),
    };
  },

  async BatchDeleteImage(ctx, input) {
    const repo = await repositoryFor(ctx, input);
    return deleteImages(ctx, repo, (input.imageIds ?? []) as ImageId[]);
  },

  async BatchGetImage(ctx, input) {
    const repo = await repositoryFor(ctx, input);
    return getImages(ctx, repo, (input.imageIds ?? []) as ImageId[], input.acceptedMediaTypes);
  },

  async PutImage(ctx, input) {
    const repo = await repositoryFor(ctx, input);
    return putImage(ctx, repo, {
      manifest: required(input, 'imageManifest'),
      mediaType: input.imageManifestMediaType,
      tag: input.imageTag,
      digest: input.imageDigest,
    });
  },

  async GetAuthorizationToken(ctx) {
    const { password, expiresAt } = await currentAwsPassword(ctx.files);
    return {
      authorizationData: [
        {
          authorizationToken: Buffer.from(`AWS:${password}`).toString('base64'),
          expiresAt: Math.floor(expiresAt / 1000),
          proxyEndpoint: `http://${ctx.registryHost}`,
        },
      ],
    };
  },

  async PutImageTagMutability(ctx, input) {
    const name = required(input, 'repositoryName');
    const value = mutability(required(input, 'imageTagMutability'));
    await updateState(ctx.files.ecrState, (state) => void (repositoryIn(state, name).imageTagMutability = value));
    return { registryId: LOCAL_ACCOUNT, repositoryName: name, imageTagMutability: value };
  },

  async PutImageScanningConfiguration(ctx, input) {
    const name = required(input, 'repositoryName');
    const scanOnPush = Boolean(input.imageScanningConfiguration?.scanOnPush);
    await updateState(ctx.files.ecrState, (state) => void (repositoryIn(state, name).scanOnPush = scanOnPush));
    return { registryId: LOCAL_ACCOUNT, repositoryName: name, imageScanningConfiguration: { scanOnPush } };
  },

  async PutLifecyclePolicy(ctx, input) {
    const name = required(input, 'repositoryName');
    const text = required(input, 'lifecyclePolicyText');
    validateLifecyclePolicy(text);
    await updateState(ctx.files.ecrState, (state) => void (repositoryIn(state, name).lifecyclePolicyText = text));
    return { registryId: LOCAL_ACCOUNT, repositoryName: name, lifecyclePolicyText: text };
  },

  async GetLifecyclePolicy(ctx, input) {
    const repo = await repositoryFor(ctx, input);
    if (!repo.lifecyclePolicyText)
      throw new EcrError(
        'LifecyclePolicyNotFoundException',
        `Lifecycle policy does not exist for the repository with name '${repo.name}' in the registry with id '${LOCAL_ACCOUNT}'`,
      );
    return { registryId: LOCAL_ACCOUNT, repositoryName: repo.name, lifecyclePolicyText: repo.lifecyclePolicyText };
  },

  async ListTagsForResource(ctx, input) {
    const resource = required(input, 'resourceArn');
    // arn:aws:ecr:<region>:<account>:repository/<name>; anything else is a bad parameter, not a missing repository.
    const name = /^arn:aws[\w-]*:ecr:[\w-]+:\d{12}:repository\/(.+)$/.exec(resource)?.[1];
    if (!name) throw invalid('resourceArn', `Invalid ARN: ${resource} is not the ARN of an ECR repository`);
    return { tags: repositoryIn(await readState(ctx.files.ecrState), name).tags };
  },
};
