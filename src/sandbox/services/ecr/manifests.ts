// Image manifests through ECR's API, as AWS documents retagging without a pull: BatchGetImage hands out a
// manifest's exact bytes (so their sha256 is the digest), and PutImage stores them under another tag.
import { manifestDigest } from '../registry/registry-api.js';
import { EcrError, immutableTag, invalid, LOCAL_ACCOUNT } from './errors.js';
import { findImage, imagesOf, movesImmutableTag, type ImageFailure, type ImageId } from './images.js';
import type { EndpointContext } from './endpoint.js';
import { recordPush, type RepositoryRecord } from './state.js';

interface Manifest {
  readonly body: Buffer;
  readonly mediaType: string;
}

const imageShape = (repo: RepositoryRecord, imageId: ImageId, manifest: Manifest) => ({
  registryId: LOCAL_ACCOUNT,
  repositoryName: repo.name,
  imageId,
  imageManifest: manifest.body.toString('utf8'),
  imageManifestMediaType: manifest.mediaType,
});

/** The manifest as it was pushed; the endpoint does not convert, so a type outside acceptedMediaTypes is a failure. */
export async function getImages(
  ctx: EndpointContext,
  repo: RepositoryRecord,
  ids: readonly ImageId[],
  accepted?: readonly string[],
) {
  const all = await imagesOf(ctx, repo);
  const images: ReturnType<typeof imageShape>[] = [];
  const failures: ImageFailure[] = [];
  for (const id of ids) {
    const image = findImage(all, id);
    if ('failureCode' in image) {
      failures.push(image);
      continue;
    }
    const manifest = await ctx.registry.rawManifest(repo.name, image.digest);
    if (!manifest || (accepted?.length && !accepted.includes(manifest.mediaType))) {
      const why = manifest
        ? `Requested image is ${manifest.mediaType}, ` +
          'which acceptedMediaTypes does not include (the local endpoint does not convert manifests)'
        : 'Requested image not found';
      failures.push({ imageId: id, failureCode: 'ImageNotFound', failureReason: why });
      continue;
    }
    images.push(
      imageShape(repo, { imageDigest: image.digest, ...(id.imageTag ? { imageTag: id.imageTag } : {}) }, manifest),
    );
  }
  return { images, failures };
}

export interface PutImageInput {
  readonly manifest: string;
  readonly mediaType?: string;
  readonly tag?: string;
  readonly digest?: string;
}

export async function putImage(ctx: EndpointContext, repo: RepositoryRecord, input: PutImageInput) {
  const body = Buffer.from(input.manifest, 'utf8');
  const digest = manifestDigest(body);
  if (input.digest && input.digest !== digest) {
    throw new EcrError(
      'ImageDigestDoesNotMatchException',
      `Provided image digest '${input.digest}' does not match the digest calculated for the image manifest, '${digest}'`,
    );
  }
  const parsed = parseManifest(input.manifest);
  const mediaType = input.mediaType ?? parsed.mediaType;
  if (!mediaType) throw invalid('imageManifestMediaType', 'Member must not be null when the manifest has no mediaType');
  const reference = input.tag ?? digest;
  if ((await ctx.registry.manifest(repo.name, reference))?.digest === digest) {
    throw new EcrError(
      'ImageAlreadyExistsException',
      `Image with digest '${digest}' and tag '${input.tag ?? 'null'}' already exists in the repository with name ` +
        `'${repo.name}' in registry with id '${LOCAL_ACCOUNT}'`,
    );
  }
  if (input.tag && (await movesImmutableTag(ctx, repo, input.tag, digest)))
    throw new EcrError('ImageTagAlreadyExistsException', immutableTag(input.tag, repo.name));
  const put = await ctx.registry.putManifest(repo.name, reference, { body, mediaType });
  if (!put.stored) throw refusal(put.error!, parsed);
  await recordPush(ctx.files.ecrState, repo.name, digest);
  return {
    image: imageShape(
      repo,
      { imageDigest: digest, ...(input.tag ? { imageTag: input.tag } : {}) },
      { body, mediaType },
    ),
  };
}

function parseManifest(text: string): { mediaType?: string; manifests?: unknown[] } {
  try {
    return JSON.parse(text) as { mediaType?: string; manifests?: unknown[] };
  } catch {
    throw invalid('imageManifest', 'Invalid JSON syntax');
  }
}

/** The registry's refusal in ECR's words: a missing blob is a missing layer, or a missing image for an index. */
function refusal(code: string, manifest: { manifests?: unknown[] }): EcrError {
  if (code === 'MANIFEST_BLOB_UNKNOWN' || code === 'BLOB_UNKNOWN' || code === 'MANIFEST_UNKNOWN') {
    return manifest.manifests
      ? new EcrError(
          'ReferencedImagesNotFoundException',
          'The manifest list references an image that is not in this repository. Push that image first.',
        )
      : new EcrError(
          'LayersNotFoundException',
          'The image manifest references layers that are not in this repository. Push the image with docker first, or copy its layers.',
        );
  }
  if (code === 'MANIFEST_INVALID' || code === 'TAG_INVALID' || code === 'UNSUPPORTED')
    return invalid('imageManifest', `the registry refused the manifest (${code})`);
  return new EcrError('ServerException', `The local registry refused the manifest (${code}).`, 500);
}
