// The local ECR endpoint against the real registry, the real @aws-sdk/client-ecr, the real aws CLI (through
// the sandbox's wrapper) and real docker login/tag/push. Docker's logins go to a throw-away DOCKER_CONFIG.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker } from '../support/docker.js';
import { LocalEcr, sdk } from '../support/local-ecr.js';
import { readSettings, writeSettings } from '../../src/sandbox/services/registry/sandbox-dir.js';

const SECRET = 'SENTINEL-secret-never-printed-7f3a';
const local = new LocalEcr({ AWS_ACCESS_KEY_ID: 'AKIASENTINEL', AWS_SECRET_ACCESS_KEY: SECRET });
const { dir, files } = local;
let host = '';
let ecr: LocalEcr['client'];
const aws = (...args: string[]) => local.aws(...args);
const dockerAs = (args: string[], input?: string) => local.docker(args, input);
const buildImage = (ref: string, text: string) => local.buildImage(ref, text);

beforeAll(async () => {
  await local.start();
  ({ host, client: ecr } = local);
});

afterAll(() => local.stop());

describe('the ECR API (JSON 1.1) through @aws-sdk/client-ecr', () => {
  it('creates, describes and refuses like ECR', async () => {
    const created = await ecr.send(
      new sdk.CreateRepositoryCommand({
        repositoryName: 'team/api',
        imageScanningConfiguration: { scanOnPush: true },
        tags: [{ Key: 'containerlings', Value: 'true' }],
      }),
    );
    expect(created.repository).toMatchObject({
      repositoryName: 'team/api',
      repositoryUri: `${host}/team/api`,
      imageTagMutability: 'MUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
    });
    expect(created.repository?.createdAt).toBeInstanceOf(Date);
    await expect(ecr.send(new sdk.CreateRepositoryCommand({ repositoryName: 'team/api' }))).rejects.toMatchObject({
      name: 'RepositoryAlreadyExistsException',
    });
    await expect(ecr.send(new sdk.CreateRepositoryCommand({ repositoryName: 'Team_API' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(ecr.send(new sdk.DescribeRepositoriesCommand({ repositoryNames: ['nope'] }))).rejects.toMatchObject({
      name: 'RepositoryNotFoundException',
      $metadata: { httpStatusCode: 400 },
    });
    const tags = await ecr.send(
      new sdk.ListTagsForResourceCommand({ resourceArn: created.repository!.repositoryArn! }),
    );
    expect(tags.tags).toEqual([{ Key: 'containerlings', Value: 'true' }]);
    await expect(
      ecr.send(new sdk.PutLifecyclePolicyCommand({ repositoryName: 'team/api', lifecyclePolicyText: '{"rules":[]}' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});

describe('the ECR API: paging, encryption and bad parameters as ECR answers them', () => {
  it('pages DescribeRepositories with maxResults and nextToken, and the SDK paginator reads every page', async () => {
    for (const n of [1, 2, 3, 4, 5]) await ecr.send(new sdk.CreateRepositoryCommand({ repositoryName: `paged/r${n}` }));
    const first = await ecr.send(new sdk.DescribeRepositoriesCommand({ maxResults: 2 }));
    expect(first.repositories).toHaveLength(2);
    expect(first.nextToken).toEqual(expect.any(String));
    const names: string[] = [];
    for await (const page of sdk.paginateDescribeRepositories({ client: ecr, pageSize: 2 }, {}))
      names.push(...(page.repositories ?? []).map((r) => r.repositoryName!));
    expect(names.filter((n) => n.startsWith('paged/'))).toEqual([
      'paged/r1',
      'paged/r2',
      'paged/r3',
      'paged/r4',
      'paged/r5',
    ]);
    await expect(ecr.send(new sdk.DescribeRepositoriesCommand({ maxResults: 0 }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(ecr.send(new sdk.DescribeRepositoriesCommand({ nextToken: 'forged' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    // The aws CLI pages too: --page-size asks for small pages, --max-items stops early with a token to go on.
    const cli = JSON.parse((await aws('ecr', 'describe-repositories', '--page-size', '2', '--max-items', '3')).stdout);
    expect(cli.repositories).toHaveLength(3);
    expect(cli.NextToken).toEqual(expect.any(String));
  });

  it('keeps the encryption a repository was created with, and refuses an unknown type', async () => {
    const kms = await ecr.send(
      new sdk.CreateRepositoryCommand({ repositoryName: 'sealed', encryptionConfiguration: { encryptionType: 'KMS' } }),
    );
    expect(kms.repository?.encryptionConfiguration).toEqual({
      encryptionType: 'KMS',
      kmsKey: expect.stringMatching(/^arn:aws:kms:.*:alias\/aws\/ecr$/),
    });
    const described = await ecr.send(new sdk.DescribeRepositoriesCommand({ repositoryNames: ['sealed'] }));
    expect(described.repositories?.[0]?.encryptionConfiguration?.encryptionType).toBe('KMS');
    await expect(
      ecr.send(
        new sdk.CreateRepositoryCommand({
          repositoryName: 'odd',
          encryptionConfiguration: { encryptionType: 'ROT13' as never },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('says a malformed ARN is an invalid parameter, not a missing repository', async () => {
    await expect(ecr.send(new sdk.ListTagsForResourceCommand({ resourceArn: 'not-an-arn' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringMatching(/Invalid ARN/),
    });
  });
});

describe('the aws CLI and docker against the endpoint', () => {
  it('runs the course workflow: create, get-login-password | docker login, tag, push, list and describe', async () => {
    const create = await aws(
      'ecr',
      'create-repository',
      '--repository-name',
      'cl-hello',
      '--image-scanning-configuration',
      'scanOnPush=true',
    );
    expect(create.status, create.stderr).toBe(0);
    const uri = JSON.parse(create.stdout).repository.repositoryUri as string;
    expect(uri).toBe(`${host}/cl-hello`);
    const password = await aws('ecr', 'get-login-password');
    expect(password.status, password.stderr).toBe(0);
    const login = await dockerAs(['login', '--username', 'AWS', '--password-stdin', host], password.stdout);
    expect(login.status, login.stderr).toBe(0);
    buildImage(`${uri}:echo`, 'one');
    const push = await dockerAs(['push', `${uri}:echo`]);
    expect(push.status, push.stderr).toBe(0);
    const digest = /digest: (sha256:[0-9a-f]{64})/.exec(push.stdout)?.[1];
    const list = JSON.parse((await aws('ecr', 'list-images', '--repository-name', 'cl-hello')).stdout);
    expect(list.imageIds).toEqual([{ imageDigest: digest, imageTag: 'echo' }]);
    const described = await ecr.send(new sdk.DescribeImagesCommand({ repositoryName: 'cl-hello' }));
    expect(described.imageDetails?.[0]).toMatchObject({ imageDigest: digest, imageTags: ['echo'] });
    expect(described.imageDetails?.[0]?.imageSizeInBytes).toBeGreaterThan(1000);
    expect(described.imageDetails?.[0]?.imagePushedAt).toBeInstanceOf(Date);
    // A repository that was never created is refused on push, as ECR does.
    buildImage(`${host}/never-created:1`, 'x');
    expect((await dockerAs(['push', `${host}/never-created:1`])).stderr).toMatch(/name unknown|does not exist/);
    // Not empty: delete needs force.
    await expect(ecr.send(new sdk.DeleteRepositoryCommand({ repositoryName: 'cl-hello' }))).rejects.toMatchObject({
      name: 'RepositoryNotEmptyException',
    });
  });

  it('refuses a wrong token, and an expired one once a new token is issued', async () => {
    expect((await dockerAs(['login', '--username', 'AWS', '--password-stdin', host], 'not-the-token')).status).not.toBe(
      0,
    );
    const basic = (token: string) => ({ Authorization: `Basic ${token}` });
    const first = (await ecr.send(new sdk.GetAuthorizationTokenCommand({}))).authorizationData![0]!;
    expect(Buffer.from(first.authorizationToken!, 'base64').toString()).toMatch(/^AWS:/);
    expect((await fetch(`http://${host}/v2/`, { headers: basic(first.authorizationToken!) })).status).toBe(200);
    expect(
      (await fetch(`http://${host}/v2/`, { headers: basic(Buffer.from('AWS:wrong').toString('base64')) })).status,
    ).toBe(401);
    // Twelve hours later (the clock moved in the settings): a new token, and the old one stops working.
    await writeSettings(files, { ...(await readSettings(files)), awsPasswordExpiresAt: Date.now() - 1000 });
    const second = (await ecr.send(new sdk.GetAuthorizationTokenCommand({}))).authorizationData![0]!;
    expect(second.authorizationToken).not.toBe(first.authorizationToken);
    expect((await fetch(`http://${host}/v2/`, { headers: basic(first.authorizationToken!) })).status).toBe(401);
    expect((await fetch(`http://${host}/v2/`, { headers: basic(second.authorizationToken!) })).status).toBe(200);
    expect(
      (
        await dockerAs(
          ['login', '--username', 'AWS', '--password-stdin', host],
          Buffer.from(second.authorizationToken!, 'base64').toString().slice(4),
        )
      ).status,
    ).toBe(0);
  });

  it('enforces IMMUTABLE tags on push, and deletes by tag as ECR does', async () => {
    expect(
      (
        await aws(
          'ecr',
          'put-image-tag-mutability',
          '--repository-name',
          'cl-hello',
          '--image-tag-mutability',
          'IMMUTABLE',
        )
      ).status,
    ).toBe(0);
    buildImage(`${host}/cl-hello:echo`, 'two');
    const refused = await dockerAs(['push', `${host}/cl-hello:echo`]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/tag invalid.*immutable/);
    expect(
      (
        await aws(
          'ecr',
          'put-image-tag-mutability',
          '--repository-name',
          'cl-hello',
          '--image-tag-mutability',
          'MUTABLE',
        )
      ).status,
    ).toBe(0);
    docker('tag', `${host}/cl-hello:echo`, `${host}/cl-hello:extra`);
    local.removeLater(`${host}/cl-hello:extra`);
    expect((await dockerAs(['push', `${host}/cl-hello:extra`])).status).toBe(0);
    const before = await ecr.send(new sdk.ListImagesCommand({ repositoryName: 'cl-hello' }));
    expect(before.imageIds?.map((i) => i.imageTag).sort()).toEqual(['echo', 'extra']);
    const deleted = await ecr.send(
      new sdk.BatchDeleteImageCommand({
        repositoryName: 'cl-hello',
        imageIds: [{ imageTag: 'extra' }, { imageTag: 'missing' }],
      }),
    );
    expect(deleted.failures?.[0]).toMatchObject({ failureCode: 'ImageNotFound' });
    const after = await ecr.send(new sdk.ListImagesCommand({ repositoryName: 'cl-hello' }));
    expect(after.imageIds?.map((i) => i.imageTag)).toEqual(['echo']);
    await ecr.send(new sdk.DeleteRepositoryCommand({ repositoryName: 'cl-hello', force: true }));
    await expect(ecr.send(new sdk.ListImagesCommand({ repositoryName: 'cl-hello' }))).rejects.toMatchObject({
      name: 'RepositoryNotFoundException',
    });
  });

  it("never prints, logs or stores the learner's AWS credentials", async () => {
    const debug = await aws('--debug', 'ecr', 'describe-repositories');
    expect(debug.status).toBe(0);
    expect(debug.stdout + debug.stderr).not.toContain(SECRET);
    expect(debug.stdout + debug.stderr).not.toContain('AKIASENTINEL');
    const walk = (d: string): string[] =>
      readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
    for (const file of walk(dir).filter((f) => !f.includes('/registry/data/')))
      expect(readFileSync(file, 'utf8'), file).not.toContain(SECRET);
  });
});
