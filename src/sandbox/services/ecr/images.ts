// A repository's images as ECR describes them, read from the registry: tagged ones from its tag list, and
// untagged ones the endpoint saw pushed (the registry's API cannot list manifests without a tag).
import type { EndpointContext } from './endpoint.js';
import { updateState, type RepositoryRecord } from './state.js';

export interface ImageId {
  imageDigest?: string;
  imageTag?: string;
}

export interface EcrImage {
  readonly digest: string;
  readonly tags: string[];
  readonly sizeBytes: number;
  /** Epoch seconds. */
  readonly pushedAt: number;
  readonly mediaType: string;
}

/**
 * The images ECR holds: those pushed through the endpoint (docker push to the repositoryUri, or PutImage), each with
 * the time its push was recorded. A manifest that reached the registry's storage another way (a push to the plain
 * sandbox registry under the same repository name) was never pushed to ECR, so it is not listed.
 */
export async function imagesOf(ctx: EndpointContext, repo: RepositoryRecord): Promise<EcrImage[]> {
  const tagged = await ctx.registry.images(repo.name);
  const out: EcrImage[] = [];
  for (const digest of Object.keys(repo.pushes)) {
    const entry = tagged.get(digest);
    const manifest = entry?.manifest ?? (await ctx.registry.manifest(repo.name, digest));
    if (manifest)
      out.push({
        digest,
        tags: entry ? entry.tags.sort() : [],
        sizeBytes: manifest.sizeBytes,
        pushedAt: repo.pushes[digest]!,
        mediaType: manifest.mediaType,
      });
  }
  return out.sort((a, b) => b.pushedAt - a.pushedAt);
}

/** Every manifest the registry stores under the repository's name, pushed through ECR or not (to delete them all). */
export async function storedDigests(ctx: EndpointContext, repo: RepositoryRecord): Promise<string[]> {
  return [...new Set([...(await ctx.registry.images(repo.name)).keys(), ...Object.keys(repo.pushes)])];
}

export interface ImageFailure {
  readonly imageId: ImageId;
  readonly failureCode: 'MissingDigestAndTag' | 'InvalidImageDigest' | 'ImageNotFound' | 'ImageTagDoesNotMatchDigest';
  readonly failureReason: string;
}

/** The image an id names, or the failure ECR reports for it in BatchGetImage and BatchDeleteImage. */
export function findImage(images: readonly EcrImage[], id: ImageId): EcrImage | ImageFailure {
  const fail = (failureCode: ImageFailure['failureCode'], failureReason: string) => ({
    imageId: id,
    failureCode,
    failureReason,
  });
  if (!id.imageDigest && !id.imageTag)
    return fail('MissingDigestAndTag', 'Invalid request parameters: both tag and digest cannot be null');
  if (id.imageDigest && !/^[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+$/.test(id.imageDigest)) {
    return fail(
      'InvalidImageDigest',
      "Invalid request parameters: image digest should satisfy the regex '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'",
    );
  }
  const image = images.find((i) => (id.imageDigest ? i.digest === id.imageDigest : i.tags.includes(id.imageTag!)));
  if (!image) return fail('ImageNotFound', 'Requested image not found');
  if (id.imageTag && !image.tags.includes(id.imageTag))
    return fail('ImageTagDoesNotMatchDigest', 'Invalid image tag for image digest');
  return image;
}

/** IMMUTABLE repositories keep each tag on its image: moving it to another digest is refused (docker push, PutImage). */
export async function movesImmutableTag(
  ctx: EndpointContext,
  repo: RepositoryRecord,
  tag: string,
  digest: string,
): Promise<boolean> {
  if (repo.imageTagMutability !== 'IMMUTABLE') return false;
  const existing = await ctx.registry.manifest(repo.name, tag);
  return Boolean(existing && existing.digest !== digest);
}

/** ListImages' shape: one id per tag, and a digest-only id for an untagged image. */
export function imageIds(images: readonly EcrImage[], tagStatus?: string): ImageId[] {
  const ids: ImageId[] = [];
  for (const image of images) {
    if (image.tags.length && tagStatus !== 'UNTAGGED')
      for (const tag of image.tags) ids.push({ imageDigest: image.digest, imageTag: tag });
    if (!image.tags.length && tagStatus !== 'TAGGED') ids.push({ imageDigest: image.digest });
  }
  return ids;
}

/**
 * ECR semantics: deleting by tag removes that tag, and the image goes with its last tag; deleting by digest
 * removes the image and all its tags. The registry can only delete whole manifests, so the tags that stay
 * are put back with the same manifest bytes (same digest).
 */
export async function deleteImages(ctx: EndpointContext, repo: RepositoryRecord, ids: readonly ImageId[]) {
  const images = await imagesOf(ctx, repo);
  const deleted: ImageId[] = [];
  const failures: ImageFailure[] = [];
  for (const id of ids) {
    const image = findImage(images, id);
    if ('failureCode' in image) {
      failures.push(image);
      continue;
    }
    const keep = id.imageTag ? image.tags.filter((t) => t !== id.imageTag) : [];
    const raw = keep.length ? await ctx.registry.rawManifest(repo.name, image.digest) : undefined;
    await ctx.registry.deleteManifest(repo.name, image.digest);
    if (raw) for (const tag of keep) await ctx.registry.putManifest(repo.name, tag, raw);
    image.tags.splice(0, image.tags.length, ...keep);
    if (!keep.length)
      await updateState(
        ctx.files.ecrState,
        (s) => void (s.repositories[repo.name] && delete s.repositories[repo.name]!.pushes[image.digest]),
      );
    deleted.push(id.imageTag ? { imageDigest: image.digest, imageTag: id.imageTag } : { imageDigest: image.digest });
  }
  return { imageIds: deleted, failures };
}
