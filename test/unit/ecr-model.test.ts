// The local ECR endpoint against ECR's service model, as the aws CLI ships it: Debian's awscli 2.9.19 (Apache-2.0; CI
// installs it) bundles botocore's data/ecr/2015-09-21/service-2.json. For every operation the endpoint claims, raw
// responses (the JSON on the wire, before any SDK reads it) are checked against the operation's output shape: no member
// the model does not have, every required member there, and each value of the model's type (string, enum value,
// pattern and length; integer, long, double; timestamp as epoch seconds; boolean; list; map; structure). Each error is
// checked against the errors the model lists for its operation, with ECR's error body ({__type, message}).
// No engine: the endpoint runs in this process in front of Debian's docker-registry binary (started by the test);
// the test image's blobs are uploaded to the registry directly, and PutImage stores its manifest through ECR's API.
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEndpoint } from '../../src/sandbox/services/ecr/server.js';
import { TARGET_PREFIX } from '../../src/sandbox/services/ecr/server.js';
import { INPUTS, type InputType } from '../../src/sandbox/services/ecr/inputs.js';
import { operations } from '../../src/sandbox/services/ecr/operations.js';
import { RegistryApi } from '../../src/sandbox/services/registry/registry-api.js';
import { sandboxFiles } from '../../src/sandbox/services/registry/sandbox-dir.js';
import { tempDir } from '../support/cli.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';
import { AWSCLI, type Shape } from '../support/aws-model.js';

const MODEL = join(AWSCLI, 'botocore', 'data', 'ecr', '2015-09-21', 'service-2.json');
const installed = existsSync(MODEL);

interface Model {
  metadata: { targetPrefix: string };
  operations: Record<string, { output?: { shape: string }; errors?: { shape: string }[] }>;
  shapes: Record<string, Shape>;
}

/** Where a raw JSON value departs from a shape of the model; [] when it conforms. */
export function departures(shapes: Record<string, Shape>, name: string, value: unknown, path: string): string[] {
  const shape = shapes[name]!;
  const got = (what: string) => [`${path}: expected ${what} (${name}), got ${JSON.stringify(value)}`];
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return got('an object');
      const members = shape.members ?? {};
      const object = value as Record<string, unknown>;
      return [
        ...Object.keys(object)
          .filter((k) => !(k in members))
          .map((k) => `${path}.${k}: not a member of ${name}`),
        ...(shape.required ?? [])
          .filter((k) => object[k] === undefined)
          .map((k) => `${path}.${k}: required by ${name}, missing`),
        ...Object.entries(object)
          .filter(([k]) => k in members)
          .flatMap(([k, v]) => departures(shapes, members[k]!.shape, v, `${path}.${k}`)),
      ];
    }
    case 'list':
      if (!Array.isArray(value)) return got('a list');
      return [
        ...(shape.min !== undefined && value.length < shape.min ? [`${path}: fewer than ${shape.min} items`] : []),
        ...(shape.max !== undefined && value.length > shape.max ? [`${path}: more than ${shape.max} items`] : []),
        ...value.flatMap((v, i) => departures(shapes, shape.member!.shape, v, `${path}[${i}]`)),
      ];
    case 'map':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return got('a map');
      return Object.entries(value).flatMap(([k, v]) => departures(shapes, shape.value!.shape, v, `${path}.${k}`));
    case 'string': {
      if (typeof value !== 'string') return got('a string');
      if (shape.enum && !shape.enum.includes(value)) return got(`one of ${shape.enum.join(', ')}`);
      if (shape.min !== undefined && value.length < shape.min) return got(`at least ${shape.min} characters`);
      if (shape.max !== undefined && value.length > shape.max) return got(`at most ${shape.max} characters`);
      if (shape.pattern && !new RegExp(`^(?:${shape.pattern})$`).test(value)) return got(`/${shape.pattern}/`);
      return [];
    }
    case 'blob':
      return typeof value === 'string' ? [] : got('base64 text');
    case 'integer':
    case 'long':
      if (!Number.isInteger(value)) return got('a whole number');
      if (shape.min !== undefined && (value as number) < shape.min) return got(`at least ${shape.min}`);
      if (shape.max !== undefined && (value as number) > shape.max) return got(`at most ${shape.max}`);
      return [];
    case 'double':
    case 'float':
      return typeof value === 'number' ? [] : got('a number');
    case 'timestamp':
      // JSON 1.1 sends timestamps as epoch seconds (a number, fractions allowed).
      return typeof value === 'number' && value > 0 ? [] : got('epoch seconds');
    case 'boolean':
      return typeof value === 'boolean' ? [] : got('true or false');
    default:
      return [`${path}: the model's type ${shape.type} is not checked here`];
  }
}

// Errors of the JSON 1.1 protocol itself, which any operation may answer and the model does not list.
const PROTOCOL_ERRORS = ['SerializationException', 'UnknownOperationException'];

type Expect = 'ok' | `${string}Exception`;
interface Call {
  readonly operation: string;
  readonly input: Record<string, unknown>;
  readonly expect: Expect;
}

let registry: TestRegistry;
let endpoint: Server;
let base = '';
const dir = installed ? tempDir('containerlings-ecr-model-') : '';

/** One raw call: the status and the JSON body, as any client receives them. */
async function call(operation: string, input: Record<string, unknown>) {
  const r = await fetch(`${base}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `${TARGET_PREFIX}${operation}` },
    body: JSON.stringify(input),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** Uploads a blob to the registry under a repository (monolithic: POST, then PUT with the digest). */
async function upload(repo: string, blob: Buffer): Promise<string> {
  const digest = sha256(blob);
  const start = await fetch(`http://${registry.address}/v2/${repo}/blobs/uploads/`, { method: 'POST' });
  const location = new URL(start.headers.get('location')!, `http://${registry.address}`);
  location.searchParams.set('digest', digest);
  const put = await fetch(location, { method: 'PUT', body: new Uint8Array(blob) });
  if (put.status !== 201) throw new Error(`the registry answered ${put.status} to a blob upload`);
  return digest;
}

/** A Docker image manifest whose config and layer are in the repository; `note` makes a different image. */
async function manifest(repo: string, note = ''): Promise<string> {
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: { Labels: { note } } }));
  const layer = randomBytes(64);
  const item = async (mediaType: string, blob: Buffer) => ({
    mediaType,
    size: blob.length,
    digest: await upload(repo, blob),
  });
  return JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: await item('application/vnd.docker.container.image.v1+json', config),
    layers: [await item('application/vnd.docker.image.rootfs.diff.tar.gzip', layer)],
  });
}

const ARN = (name: string) => `arn:aws:ecr:us-east-1:000000000000:repository/${name}`;
const POLICY = JSON.stringify({
  rules: [
    {
      rulePriority: 1,
      selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 14 },
      action: { type: 'expire' },
    },
  ],
});

/** The calls, in order: each operation the endpoint claims, answered and refused. Built once blobs are uploaded. */
async function calls(): Promise<Call[]> {
  const v1 = await manifest('team/api', 'v1');
  const pinned = await manifest('plain', 'one');
  const other = await manifest('plain', 'two');
  const missingLayer = JSON.stringify({
    ...JSON.parse(v1),
    layers: [{ ...JSON.parse(v1).layers[0], digest: sha256(randomBytes(8)) }],
  });
  const ok = (operation: string, input: Record<string, unknown>): Call => ({ operation, input, expect: 'ok' });
  const no = (operation: string, input: Record<string, unknown>, expect: Expect): Call => ({
    operation,
    input,
    expect,
  });
  const gone = { repositoryName: 'nope' };
  return [
    ok('CreateRepository', {
      repositoryName: 'team/api',
      imageScanningConfiguration: { scanOnPush: true },
      tags: [{ Key: 'team', Value: 'api' }],
    }),
    ok('CreateRepository', {
      repositoryName: 'plain',
      imageTagMutability: 'IMMUTABLE',
      encryptionConfiguration: { encryptionType: 'KMS' },
    }),
    no('CreateRepository', { repositoryName: 'team/api' }, 'RepositoryAlreadyExistsException'),
    no('CreateRepository', { repositoryName: 'Team_API' }, 'InvalidParameterException'),
    no('CreateRepository', {}, 'InvalidParameterException'),
    no('CreateRepository', { repositoryName: 'tagged', tags: [{ Value: 'x' }] }, 'InvalidTagParameterException'),
    no(
      'CreateRepository',
      { repositoryName: 'rot', encryptionConfiguration: { encryptionType: 'ROT13' } },
      'InvalidParameterException',
    ),
    ok('DescribeRepositories', {}),
    ok('DescribeRepositories', { repositoryNames: ['team/api'] }),
    ok('DescribeRepositories', { maxResults: 1 }),
    no('DescribeRepositories', { repositoryNames: ['nope'] }, 'RepositoryNotFoundException'),
    no('DescribeRepositories', { maxResults: 0 }, 'InvalidParameterException'),
    no('DescribeRepositories', { nextToken: 'made-up' }, 'InvalidParameterException'),
    ok('PutImage', { repositoryName: 'team/api', imageManifest: v1, imageTag: 'v1' }),
    ok('PutImage', { repositoryName: 'plain', imageManifest: pinned, imageTag: 'stable' }),
    ok('PutImage', { repositoryName: 'plain', imageManifest: other }),
    no('PutImage', { repositoryName: 'team/api', imageManifest: v1, imageTag: 'v1' }, 'ImageAlreadyExistsException'),
    no(
      'PutImage',
      { repositoryName: 'plain', imageManifest: other, imageTag: 'stable' },
      'ImageTagAlreadyExistsException',
    ),
    no(
      'PutImage',
      { repositoryName: 'team/api', imageManifest: v1, imageDigest: sha256(Buffer.from('x')) },
      'ImageDigestDoesNotMatchException',
    ),
    no(
      'PutImage',
      { repositoryName: 'team/api', imageManifest: missingLayer, imageTag: 'broken' },
      'LayersNotFoundException',
    ),
    no('PutImage', { repositoryName: 'team/api', imageManifest: '{not json' }, 'InvalidParameterException'),
    no('PutImage', { ...gone, imageManifest: v1 }, 'RepositoryNotFoundException'),
    ok('ListImages', { repositoryName: 'plain' }),
    ok('ListImages', { repositoryName: 'plain', filter: { tagStatus: 'UNTAGGED' } }),
    ok('ListImages', { repositoryName: 'plain', maxResults: 1 }),
    no('ListImages', gone, 'RepositoryNotFoundException'),
    ok('DescribeImages', { repositoryName: 'team/api' }),
    ok('DescribeImages', { repositoryName: 'plain', maxResults: 1 }),
    ok('DescribeImages', { repositoryName: 'team/api', imageIds: [{ imageTag: 'v1' }] }),
    no('DescribeImages', { repositoryName: 'team/api', imageIds: [{ imageTag: 'v9' }] }, 'ImageNotFoundException'),
    no('DescribeImages', gone, 'RepositoryNotFoundException'),
    ok('BatchGetImage', { repositoryName: 'team/api', imageIds: [{ imageTag: 'v1' }, { imageTag: 'v9' }, {}] }),
    no('BatchGetImage', { ...gone, imageIds: [{ imageTag: 'v1' }] }, 'RepositoryNotFoundException'),
    ok('GetAuthorizationToken', {}),
    ok('PutImageTagMutability', { repositoryName: 'team/api', imageTagMutability: 'IMMUTABLE' }),
    no(
      'PutImageTagMutability',
      { repositoryName: 'team/api', imageTagMutability: 'SOMETIMES' },
      'InvalidParameterException',
    ),
    no('PutImageTagMutability', { ...gone, imageTagMutability: 'MUTABLE' }, 'RepositoryNotFoundException'),
    ok('PutImageScanningConfiguration', {
      repositoryName: 'team/api',
      imageScanningConfiguration: { scanOnPush: false },
    }),
    no(
      'PutImageScanningConfiguration',
      { ...gone, imageScanningConfiguration: { scanOnPush: true } },
      'RepositoryNotFoundException',
    ),
    ok('PutLifecyclePolicy', { repositoryName: 'team/api', lifecyclePolicyText: POLICY }),
    no(
      'PutLifecyclePolicy',
      { repositoryName: 'team/api', lifecyclePolicyText: '{"rules":[]}' },
      'InvalidParameterException',
    ),
    no('PutLifecyclePolicy', { ...gone, lifecyclePolicyText: POLICY }, 'RepositoryNotFoundException'),
    ok('GetLifecyclePolicy', { repositoryName: 'team/api' }),
    no('GetLifecyclePolicy', { repositoryName: 'plain' }, 'LifecyclePolicyNotFoundException'),
    no('GetLifecyclePolicy', gone, 'RepositoryNotFoundException'),
    ok('ListTagsForResource', { resourceArn: ARN('team/api') }),
    ok('ListTagsForResource', { resourceArn: ARN('plain') }),
    no('ListTagsForResource', { resourceArn: 'team/api' }, 'InvalidParameterException'),
    no('ListTagsForResource', { resourceArn: ARN('nope') }, 'RepositoryNotFoundException'),
    ok('BatchDeleteImage', { repositoryName: 'team/api', imageIds: [{ imageTag: 'v1' }, { imageTag: 'v9' }] }),
    no('BatchDeleteImage', { ...gone, imageIds: [{ imageTag: 'v1' }] }, 'RepositoryNotFoundException'),
    no('DeleteRepository', { repositoryName: 'plain' }, 'RepositoryNotEmptyException'),
    ok('DeleteRepository', { repositoryName: 'plain', force: true }),
    ok('DeleteRepository', { repositoryName: 'team/api' }),
    no('DeleteRepository', gone, 'RepositoryNotFoundException'),
  ];
}

describe.skipIf(!installed)("the local ECR endpoint against awscli 2.9.19's ECR model", () => {
  const model = installed ? (JSON.parse(readFileSync(MODEL, 'utf8')) as Model) : undefined;
  const results: { call: Call; status: number; body: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    registry = await startRegistry();
    const [hostname, port] = registry.address.split(':') as [string, string];
    endpoint = createEndpoint({
      files: sandboxFiles(dir),
      registry: new RegistryApi(`http://${registry.address}`, 'Basic bm8tYXV0aDpuZWVkZWQ='),
      registryHost: 'localhost:0',
      registryHostname: hostname,
      registryPort: Number(port),
      region: 'us-east-1',
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(endpoint.address() as { port: number }).port}`;
    for (const c of await calls()) results.push({ call: c, ...(await call(c.operation, c.input)) });
  }, 60_000);

  afterAll(async () => {
    await new Promise((resolve) => endpoint?.close(resolve));
    registry?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('speaks the protocol the model names, and the model has every operation the endpoint claims', () => {
    expect(`${model!.metadata.targetPrefix}.`).toBe(TARGET_PREFIX);
    expect(Object.keys(operations).filter((o) => !model!.operations[o])).toEqual([]);
  });

  it('answers and refuses each claimed operation at least once', () => {
    for (const operation of Object.keys(operations)) {
      const mine = results.filter((r) => r.call.operation === operation);
      expect(
        mine.some((r) => r.call.expect === 'ok'),
        `${operation} answered`,
      ).toBe(true);
      expect(
        mine.some((r) => r.call.expect !== 'ok') || operation === 'GetAuthorizationToken',
        `${operation} refused`,
      ).toBe(true);
    }
  });

  it('answers each call as expected: the response or the error', () => {
    const got = results.map(
      (r) =>
        `${r.call.operation} ${JSON.stringify(r.call.input).slice(0, 80)}: ` +
        (r.status === 200 ? 'ok' : String(r.body['__type'])),
    );
    expect(got).toEqual(
      results.map((r) => `${r.call.operation} ${JSON.stringify(r.call.input).slice(0, 80)}: ${r.call.expect}`),
    );
  });

  it("gives responses of the operation's output shape: members, required members, types, enums, patterns", () => {
    const problems = results
      .filter((r) => r.status === 200)
      .flatMap((r) =>
        departures(model!.shapes, model!.operations[r.call.operation]!.output!.shape, r.body, r.call.operation),
      );
    expect(problems).toEqual([]);
  });

  it('refuses only with errors the model lists for the operation, in the error shape', () => {
    const problems = results
      .filter((r) => r.status !== 200)
      .flatMap((r) => {
        const listed = (model!.operations[r.call.operation]!.errors ?? []).map((e) => e.shape);
        const type = String(r.body['__type']);
        return [
          ...(listed.includes(type) || PROTOCOL_ERRORS.includes(type)
            ? []
            : [`${r.call.operation}: ${type} is not among ${listed.join(', ')}`]),
          ...(r.status === 400 ? [] : [`${r.call.operation}: ${type} with HTTP ${r.status}, not 400`]),
          ...departures(model!.shapes, type, { message: r.body['message'] }, type),
          ...Object.keys(r.body)
            .filter((k) => k !== '__type' && k !== 'message')
            .map((k) => `${r.call.operation}: ${type} has ${k}`),
        ];
      });
    expect(problems).toEqual([]);
  });

  it('finds departures: an unknown member, a missing required one, a wrong type, enum value or timestamp', () => {
    const answer = results.find((r) => r.call.operation === 'DescribeImages' && r.status === 200)!.body;
    const [detail] = answer['imageDetails'] as Record<string, unknown>[];
    const bad = { ...detail, imagePushedAt: new Date().toISOString(), imageSizeInBytes: '12', extra: 1 };
    expect(departures(model!.shapes, 'DescribeImagesResponse', { imageDetails: [bad] }, 'DescribeImages')).toEqual([
      'DescribeImages.imageDetails[0].extra: not a member of ImageDetail',
      `DescribeImages.imageDetails[0].imageSizeInBytes: expected a whole number (ImageSizeInBytes), got "12"`,
      `DescribeImages.imageDetails[0].imagePushedAt: expected epoch seconds (PushTimestamp), got "${bad.imagePushedAt}"`,
    ]);
    const repository = { repositoryName: 'Team_API', imageTagMutability: 'SOMETIMES', registryId: '42' };
    expect(departures(model!.shapes, 'Repository', repository, 'r')).toEqual([
      expect.stringMatching(/^r\.repositoryName: expected \/.*\/ \(RepositoryName\), got "Team_API"$/),
      'r.imageTagMutability: expected one of MUTABLE, IMMUTABLE (ImageTagMutability), got "SOMETIMES"',
      expect.stringMatching(/^r\.registryId: expected \/.*\/ \(RegistryId\), got "42"$/),
    ]);
    expect(departures(model!.shapes, 'AuthorizationData', [], 'a')).toEqual([
      'a: expected an object (AuthorizationData), got []',
    ]);
    expect(departures(model!.shapes, 'ListImagesResponse', {}, 'l')).toEqual([]);
    expect(departures(model!.shapes, 'ImageIdentifier', { imageTag: 7 }, 'i')).toEqual([
      'i.imageTag: expected a string (ImageTag), got 7',
    ]);
  });

  it("checks each request member's JSON type as the model gives it (the endpoint's table is the model's)", () => {
    const types = (name: string): InputType => {
      const shape = model!.shapes[name]!;
      if (shape.type === 'structure')
        return Object.fromEntries(Object.entries(shape.members!).map(([m, { shape: s }]) => [m, types(s)]));
      if (shape.type === 'list') return [types(shape.member!.shape)];
      return shape.type as InputType;
    };
    for (const operation of Object.keys(operations))
      expect(INPUTS[operation], operation).toEqual(types(`${operation}Request`));
  });

  it('refuses a member of the wrong JSON type with SerializationException naming it, never a 500 or an answer', async () => {
    const wrong = (type: InputType): unknown =>
      type === 'string' ? 7 : Array.isArray(type) ? 'x' : type === 'integer' || type === 'boolean' ? 'x' : ['x'];
    const answers: string[] = [];
    for (const operation of Object.keys(operations))
      for (const [member, type] of Object.entries(INPUTS[operation]!)) {
        const r = await call(operation, { repositoryName: 'team-probe', [member]: wrong(type) });
        answers.push(
          `${operation}.${member}: ${r.status} ${String(r.body['__type'] ?? 'answered')} ${/^\S+:/.exec(String(r.body['message']))?.[0] ?? ''}`,
        );
      }
    expect(answers).toEqual(
      Object.keys(operations).flatMap((o) =>
        Object.keys(INPUTS[o]!).map((m) => `${o}.${m}: 400 SerializationException ${m}:`),
      ),
    );
    const nested = await call('BatchGetImage', {
      repositoryName: 'team-probe',
      imageIds: [{ imageTag: 'v1' }, { imageDigest: 1 }],
    });
    expect(nested.body).toMatchObject({
      __type: 'SerializationException',
      message: expect.stringMatching(/^imageIds\[1\]\.imageDigest: expected a string, got a number/),
    });
    expect((await call('ListImages', { repositoryName: 'x', registryId: '42' })).body).toMatchObject({
      __type: 'InvalidParameterException',
      message: expect.stringContaining("'registryId'"),
    });
    expect((await call('GetAuthorizationToken', { registryIds: null })).status).toBe(200);
  });

  it('keeps its figures', () => {
    expect({
      operations: new Set(results.map((r) => r.call.operation)).size,
      calls: results.length,
      answered: results.filter((r) => r.status === 200).length,
      refused: results.filter((r) => r.status !== 200).length,
    }).toEqual({ operations: 14, calls: 55, answered: 25, refused: 30 });
  });
});

it.runIf(!installed)("ECR's service model is installed", () => {
  // Fails, never skips, on a machine without it: CI installs awscli.
  expect.fail("This test reads ECR's model from Debian's awscli 2.9.19: apt-get install awscli (.ci/run installs it).");
});
