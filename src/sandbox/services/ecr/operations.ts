// The ECR operations the lessons use, answered from the state file (repositories and their settings) and
// the registry's API (images, digests, tags, sizes). Shapes follow the ECR service model (2015-09-21).
import { currentAwsPassword } from '../registry/htpasswd.js';
import type { EndpointContext } from './endpoint.js';
import { EcrError, invalid, LOCAL_ACCOUNT } from './errors.js';
import { imageIds, imagesOf, deleteImages, storedDigests, type ImageId } from './images.js';
import { readState, REPOSITORY_NAME, updateState, type RepositoryRecord } from './state.js';
import { validateLifecyclePolicy } from './lifecycle.js';
import { getImages, putImage } from './manifests.js';
import { encryption, mutability, repositoryShape } from './repository-shape.js';
import { page, repositoryFor, repositoryIn, required, type Input } from './requests.js';

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
