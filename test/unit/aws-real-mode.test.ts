// Real AWS mode without AWS: the error explanations, and cleanup's request shapes, checked against a client
// whose send() records each command and answers from a script (no network; CI has no credentials).
import { describe, expect, it } from 'vitest';
import { explainAwsError, missingPermission } from '../../src/sandbox/aws/ecr-client.js';
import { deleteOwned, ownedRepositories, ownershipTags } from '../../src/sandbox/aws/real-cleanup.js';
import type { EcrSdk } from '../../src/sandbox/aws/sdk.js';

/** The request fields these fakes read (the SDK's inputs have more). */
type Input = { resourceArn?: string; repositoryName?: string };

function scriptedClient(answers: Record<string, (input: Input) => unknown>) {
  const sent: { command: string; input: Input }[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: unknown }) => {
      const name = command.constructor.name.replace(/Command$/, '');
      sent.push({ command: name, input: command.input as Input });
      return answers[name]!(command.input as Input);
    },
  };
  return { client: client as unknown as InstanceType<EcrSdk['ECRClient']>, sent };
}

describe('explaining AWS errors', () => {
  it('names the missing IAM permission from an AccessDenied message', () => {
    const e = Object.assign(
      new Error(
        'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: ecr:InitiateLayerUpload ' +
          'on resource: arn:aws:ecr:us-east-1:123456789012:repository/x',
      ),
      { name: 'AccessDeniedException' },
    );
    expect(missingPermission(e.message)).toBe('ecr:InitiateLayerUpload');
    const explained = explainAwsError(e, 'InitiateLayerUpload');
    expect(explained?.message).toContain('ecr:InitiateLayerUpload');
    expect(explained?.kind).toBe('aws');
  });
  it('tells missing credentials, rejected credentials and a wrong region apart', () => {
    expect(
      explainAwsError(
        Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }),
        'DescribeRepositories',
      )?.message,
    ).toMatch(/No AWS credentials/);
    expect(
      explainAwsError(
        Object.assign(new Error('The security token included in the request is invalid.'), {
          name: 'UnrecognizedClientException',
        }),
        'DescribeRepositories',
      )?.next,
    ).toMatch(/region/);
    expect(
      explainAwsError(new Error('getaddrinfo ENOTFOUND api.ecr.mars-1.amazonaws.com'), 'DescribeRepositories')?.message,
    ).toMatch(/region/);
  });
  it("leaves the service's own answers (a missing repository) to the check", () => {
    expect(
      explainAwsError(
        Object.assign(new Error('not found'), {
          name: 'RepositoryNotFoundException',
          $metadata: { httpStatusCode: 400 },
        }),
        'DescribeRepositories',
      ),
    ).toBeUndefined();
  });
});

describe('aws cleanup', () => {
  const repos = [
    { repositoryName: 'cl-models', repositoryArn: 'arn:aws:ecr:us-east-1:1:repository/cl-models' },
    { repositoryName: 'their-app', repositoryArn: 'arn:aws:ecr:us-east-1:1:repository/their-app' },
  ];
  it('deletes exactly the repositories tagged containerlings=true for this workspace', async () => {
    const { client, sent } = scriptedClient({
      DescribeRepositories: () => ({ repositories: repos }),
      ListTagsForResource: (input) => ({
        tags: input.resourceArn!.endsWith('cl-models') ? ownershipTags('ws-1') : [{ Key: 'team', Value: 'x' }],
      }),
      DeleteRepository: (input) => ({ repository: { repositoryName: input.repositoryName } }),
    });
    const owned = await ownedRepositories(client, 'ws-1');
    expect(owned.map((r) => r.name)).toEqual(['cl-models']);
    expect(await ownedRepositories(client, 'ws-other')).toEqual([]);
    await deleteOwned(owned, client);
    expect(sent.filter((s) => s.command === 'DeleteRepository').map((s) => s.input)).toEqual([
      { repositoryName: 'cl-models', force: true },
    ]);
  });
  it('turns a missing permission during cleanup into an error that names it', async () => {
    const { client } = scriptedClient({
      DescribeRepositories: () => {
        throw Object.assign(
          new Error(
            'User: arn:aws:iam::1:user/u is not authorized to perform: ecr:DescribeRepositories on resource: *',
          ),
          { name: 'AccessDeniedException' },
        );
      },
    });
    await expect(ownedRepositories(client)).rejects.toMatchObject({
      name: 'UserError',
      message: expect.stringContaining('ecr:DescribeRepositories'),
    });
  });
});
