// The real-mode `aws` wrapper with the real aws CLI: the ownership tags it adds to create-repository parse as
// the CLI's --tags list. The learner's own --endpoint-url points it at the local ECR endpoint (loopback only).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installWrapper, LOCAL_CREDENTIALS } from '../../src/sandbox/services/aws-wrapper.js';
import { ensureServices } from '../../src/sandbox/services/services.js';
import { tempDir } from '../support/cli.js';

const name = `cl-wraptest-${process.pid}`;
let endpoint: string;
let bin: string;

function aws(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    ...LOCAL_CREDENTIALS,
    AWS_DEFAULT_REGION: 'us-east-1',
    CONTAINERLINGS_AWS: 'real',
    CONTAINERLINGS_WORKSPACE_ID: 'ws-cli-test',
    PATH: `${bin}:${process.env.PATH}`,
  };
  return new Promise((done) =>
    execFile(join(bin, 'aws'), [...args, '--endpoint-url', endpoint], { env }, (e, stdout, stderr) =>
      done({ code: e ? Number(e.code) : 0, stdout, stderr }),
    ),
  );
}

beforeAll(async () => {
  endpoint = (await ensureServices()).ecrEndpoint;
  bin = installWrapper(join(tempDir('containerlings-wrapper-'), 'bin'), endpoint);
});

afterAll(async () => {
  await aws(['ecr', 'delete-repository', '--repository-name', name, '--force']);
});

describe('the real-mode aws wrapper with the real aws CLI', () => {
  it('creates the repository with both ownership tags, printing what the CLI prints', async () => {
    const created = await aws([
      'ecr',
      'create-repository',
      '--repository-name',
      name,
      '--image-scanning-configuration',
      'scanOnPush=true',
    ]);
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout).repository.repositoryName).toBe(name);
    const arn = JSON.parse(created.stdout).repository.repositoryArn;
    const tags = JSON.parse((await aws(['ecr', 'list-tags-for-resource', '--resource-arn', arn])).stdout).tags;
    expect(tags).toEqual(
      expect.arrayContaining([
        { Key: 'containerlings', Value: 'true' },
        { Key: 'containerlings-workspace', Value: 'ws-cli-test' },
      ]),
    );
  });
});
