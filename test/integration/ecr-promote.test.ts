// Promoting an image by digest as AWS documents retagging without a pull (batch-get-image, then put-image with
// the manifest), on the local ECR endpoint with the real registry, the real aws CLI and @aws-sdk/client-ecr.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEcr, run, sdk } from '../support/local-ecr.js';

const local = new LocalEcr();
const started = Math.floor(Date.now() / 1000);
const sha256 = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;
const MISSING = `sha256:${'0'.repeat(64)}`;

/** Creates a repository with the CLI, logs docker in with its token, and pushes a fresh image; returns its digest. */
async function pushImage(repository: string, tag: string, text: string): Promise<string> {
  const create = await local.aws('ecr', 'create-repository', '--repository-name', repository);
  expect(create.status, create.stderr).toBe(0);
  const password = await local.aws('ecr', 'get-login-password');
  expect(
    (await local.docker(['login', '--username', 'AWS', '--password-stdin', local.host], password.stdout)).status,
  ).toBe(0);
  local.buildImage(`${local.host}/${repository}:${tag}`, text);
  const push = await local.docker(['push', `${local.host}/${repository}:${tag}`]);
  expect(push.status, push.stderr).toBe(0);
  return /digest: (sha256:[0-9a-f]{64})/.exec(push.stdout)![1]!;
}

/** The lesson's two commands, exactly as a learner types them, in a shell with the sandbox's aws wrapper. */
const promote = (repository: string, digest: string, tag: string) =>
  run(
    'sh',
    [
      '-c',
      `MANIFEST=$(aws ecr batch-get-image --repository-name ${repository} --image-ids imageDigest=${digest} ` +
        `--output text --query 'images[].imageManifest')
aws ecr put-image --repository-name ${repository} --image-tag ${tag} --image-manifest "$MANIFEST"`,
    ],
    local.env(),
  );

const batchGet = async (...ids: string[]) =>
  JSON.parse(
    (await local.aws('ecr', 'batch-get-image', '--repository-name', 'cl-release', '--image-ids', ...ids)).stdout,
  );

beforeAll(() => local.start());

afterAll(async () => {
  for (const repositoryName of ['cl-release', 'cl-release-sdk'])
    await local.client.send(new sdk.DeleteRepositoryCommand({ repositoryName, force: true })).catch(() => undefined);
  await local.stop();
});

describe('promoting an image by digest with the aws CLI', () => {
  let digest = '';

  it('adds a production tag to the pushed digest without a pull', async () => {
    digest = await pushImage('cl-release', 'build-1', 'release one');
    const put = await promote('cl-release', digest, 'production');
    expect(put.status, put.stderr).toBe(0);
    expect(JSON.parse(put.stdout).image).toMatchObject({
      repositoryName: 'cl-release',
      imageId: { imageDigest: digest, imageTag: 'production' },
    });
    const list = JSON.parse((await local.aws('ecr', 'list-images', '--repository-name', 'cl-release')).stdout);
    expect(list.imageIds).toEqual(
      expect.arrayContaining([
        { imageDigest: digest, imageTag: 'build-1' },
        { imageDigest: digest, imageTag: 'production' },
      ]),
    );
    expect(list.imageIds).toHaveLength(2);
    const details = JSON.parse(
      (await local.aws('ecr', 'describe-images', '--repository-name', 'cl-release')).stdout,
    ).imageDetails;
    expect(details).toHaveLength(1);
    expect(details[0]).toMatchObject({ imageDigest: digest, imageTags: ['build-1', 'production'] });
    const pushedAt = Date.parse(details[0].imagePushedAt) / 1000;
    expect(pushedAt).toBeGreaterThanOrEqual(started);
    expect(pushedAt).toBeLessThanOrEqual(Date.now() / 1000);
    // The registry itself serves the same manifest for production, with the learner's ECR token.
    const token = (await local.client.send(new sdk.GetAuthorizationTokenCommand({}))).authorizationData![0]!
      .authorizationToken!;
    const served = await fetch(`http://${local.host}/v2/cl-release/manifests/production`, {
      headers: {
        Authorization: `Basic ${token}`,
        Accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json',
      },
    });
    expect(served.status).toBe(200);
    expect(served.headers.get('docker-content-digest')).toBe(digest);
    expect(sha256(await served.text())).toBe(digest);
  });

  it('refuses what ECR refuses', async () => {
    const again = await promote('cl-release', digest, 'production');
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain('ImageAlreadyExistsException');
    const manifest = (await batchGet(`imageDigest=${digest}`)).images[0].imageManifest as string;
    const wrongDigest = await local.aws(
      'ecr',
      'put-image',
      '--repository-name',
      'cl-release',
      '--image-tag',
      'qa',
      '--image-manifest',
      manifest,
      '--image-digest',
      MISSING,
    );
    expect(wrongDigest.stderr).toContain('ImageDigestDoesNotMatchException');
    const unknownRepo = await local.aws(
      'ecr',
      'batch-get-image',
      '--repository-name',
      'cl-nowhere',
      '--image-ids',
      `imageDigest=${digest}`,
    );
    expect(unknownRepo.status).not.toBe(0);
    expect(unknownRepo.stderr).toContain('RepositoryNotFoundException');
    const failed = await batchGet(
      `imageDigest=${MISSING}`,
      'imageDigest=sha256:not-hex',
      `imageDigest=${digest},imageTag=nope`,
    );
    expect(failed.images).toEqual([]);
    expect(failed.failures.map((f: { failureCode: string }) => f.failureCode)).toEqual([
      'ImageNotFound',
      'InvalidImageDigest',
      'ImageTagDoesNotMatchDigest',
    ]);
    expect(failed.failures[0].imageId).toEqual({ imageDigest: MISSING });
  });

  it('keeps production where it is in an IMMUTABLE repository, as docker push does', async () => {
    expect(
      (
        await local.aws(
          'ecr',
          'put-image-tag-mutability',
          '--repository-name',
          'cl-release',
          '--image-tag-mutability',
          'IMMUTABLE',
        )
      ).status,
    ).toBe(0);
    local.buildImage(`${local.host}/cl-release:build-2`, 'release two');
    const push = await local.docker(['push', `${local.host}/cl-release:build-2`]);
    expect(push.status, push.stderr).toBe(0);
    const second = /digest: (sha256:[0-9a-f]{64})/.exec(push.stdout)![1]!;
    const refused = await promote('cl-release', second, 'production');
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('ImageTagAlreadyExistsException');
    expect(refused.stderr).toContain('immutable');
    expect((await batchGet('imageTag=production')).images[0].imageId).toEqual({
      imageDigest: digest,
      imageTag: 'production',
    });
    // A new tag is still welcome in an IMMUTABLE repository.
    expect((await promote('cl-release', second, 'candidate')).status).toBe(0);
  });
});

describe('BatchGetImage and PutImage through @aws-sdk/client-ecr', () => {
  it('returns the exact manifest bytes and stores them under a new tag', async () => {
    const digest = await pushImage('cl-release-sdk', 'v1', 'sdk');
    const ecr = local.client;
    const got = await ecr.send(
      new sdk.BatchGetImageCommand({ repositoryName: 'cl-release-sdk', imageIds: [{ imageTag: 'v1' }] }),
    );
    expect(got.failures).toEqual([]);
    const image = got.images![0]!;
    expect(image).toMatchObject({
      registryId: '000000000000',
      repositoryName: 'cl-release-sdk',
      imageId: { imageDigest: digest, imageTag: 'v1' },
    });
    expect(sha256(image.imageManifest!)).toBe(digest);
    expect(image.imageManifestMediaType).toBe(JSON.parse(image.imageManifest!).mediaType);
    const put = await ecr.send(
      new sdk.PutImageCommand({
        repositoryName: 'cl-release-sdk',
        imageTag: 'staging',
        imageManifest: image.imageManifest,
        imageDigest: digest,
      }),
    );
    expect(put.image).toMatchObject({
      imageId: { imageDigest: digest, imageTag: 'staging' },
      imageManifest: image.imageManifest,
      imageManifestMediaType: image.imageManifestMediaType,
    });
    const described = await ecr.send(
      new sdk.DescribeImagesCommand({ repositoryName: 'cl-release-sdk', imageIds: [{ imageTag: 'staging' }] }),
    );
    expect(described.imageDetails?.[0]?.imageTags).toEqual(['staging', 'v1']);
    // The endpoint does not convert manifests: a type outside acceptedMediaTypes is a failure, not a surprise.
    const oci = await ecr.send(
      new sdk.BatchGetImageCommand({
        repositoryName: 'cl-release-sdk',
        imageIds: [{ imageDigest: digest }],
        acceptedMediaTypes: ['application/vnd.docker.distribution.manifest.v1+json'],
      }),
    );
    expect(oci.failures?.[0]).toMatchObject({ failureCode: 'ImageNotFound', imageId: { imageDigest: digest } });
  });

  it('refuses a manifest whose layers are not in the repository, bad JSON and unknown repositories', async () => {
    const ecr = local.client;
    const { imageManifest } = (
      await ecr.send(new sdk.BatchGetImageCommand({ repositoryName: 'cl-release-sdk', imageIds: [{ imageTag: 'v1' }] }))
    ).images![0]!;
    const manifest = JSON.parse(imageManifest!);
    manifest.layers[0].digest = MISSING;
    await expect(
      ecr.send(
        new sdk.PutImageCommand({
          repositoryName: 'cl-release-sdk',
          imageTag: 'broken',
          imageManifest: JSON.stringify(manifest),
        }),
      ),
    ).rejects.toMatchObject({ name: 'LayersNotFoundException' });
    await expect(
      ecr.send(
        new sdk.PutImageCommand({ repositoryName: 'cl-release-sdk', imageTag: 'broken', imageManifest: '{not json' }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    // Without a tag, the manifest is stored by digest, and this one is already there.
    await expect(
      ecr.send(new sdk.PutImageCommand({ repositoryName: 'cl-release-sdk', imageManifest: imageManifest! })),
    ).rejects.toMatchObject({ name: 'ImageAlreadyExistsException' });
    await expect(
      ecr.send(new sdk.PutImageCommand({ repositoryName: 'cl-nowhere', imageTag: 'x', imageManifest: imageManifest! })),
    ).rejects.toMatchObject({ name: 'RepositoryNotFoundException' });
    await expect(
      ecr.send(new sdk.BatchGetImageCommand({ repositoryName: 'cl-nowhere', imageIds: [{ imageTag: 'x' }] })),
    ).rejects.toMatchObject({ name: 'RepositoryNotFoundException' });
    const tags = (await ecr.send(new sdk.ListImagesCommand({ repositoryName: 'cl-release-sdk' }))).imageIds
      ?.map((i) => i.imageTag)
      .sort();
    expect(tags).toEqual(['staging', 'v1']);
  });
});
