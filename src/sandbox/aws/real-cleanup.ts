// Real AWS mode: find and delete exactly the ECR repositories containerlings created, recognised by their
// tags (containerlings=true, plus the workspace id). Nothing untagged is ever deleted.
import { callEcr, ecrClient, type EcrClient } from './ecr-client.js';
import { loadEcrSdk } from './sdk.js';

export const OWNER_TAG = { Key: 'containerlings', Value: 'true' } as const;
export const WORKSPACE_TAG_KEY = 'containerlings-workspace';

/** The tags every repository containerlings creates on AWS carries. */
export function ownershipTags(workspaceId: string) {
  return [OWNER_TAG, { Key: WORKSPACE_TAG_KEY, Value: workspaceId }];
}

export interface OwnedRepository {
  readonly name: string;
  readonly arn: string;
  readonly workspace?: string;
}

/** Repositories tagged containerlings=true (optionally only one workspace's). */
export async function ownedRepositories(client?: EcrClient, workspaceId?: string): Promise<OwnedRepository[]> {
  const ecr = client ?? (await ecrClient('real'));
  const sdk = await loadEcrSdk();
  const owned: OwnedRepository[] = [];
  let nextToken: string | undefined;
  do {
    const page = await callEcr('DescribeRepositories', () =>
      ecr.send(new sdk.DescribeRepositoriesCommand({ nextToken })),
    );
    for (const repo of page.repositories ?? []) {
      const tags =
        (
          await callEcr('ListTagsForResource', () =>
            ecr.send(new sdk.ListTagsForResourceCommand({ resourceArn: repo.repositoryArn! })),
          )
        ).tags ?? [];
      const mine = tags.some((t) => t.Key === OWNER_TAG.Key && t.Value === OWNER_TAG.Value);
      const workspace = tags.find((t) => t.Key === WORKSPACE_TAG_KEY)?.Value;
      if (mine && (!workspaceId || workspace === workspaceId))
        owned.push({ name: repo.repositoryName!, arn: repo.repositoryArn!, workspace });
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return owned;
}

export async function deleteOwned(repos: readonly OwnedRepository[], client?: EcrClient): Promise<string[]> {
  const ecr = client ?? (await ecrClient('real'));
  const sdk = await loadEcrSdk();
  const deleted: string[] = [];
  for (const repo of repos) {
    await callEcr('DeleteRepository', () =>
      ecr.send(new sdk.DeleteRepositoryCommand({ repositoryName: repo.name, force: true })),
    );
    deleted.push(repo.name);
  }
  return deleted;
}

/** Deletes one named repository if, and only if, containerlings created it. */
export async function deleteTaggedRepository(name: string, client?: EcrClient): Promise<boolean> {
  const ecr = client ?? (await ecrClient('real'));
  const mine = (await ownedRepositories(ecr)).filter((r) => r.name === name);
  return (await deleteOwned(mine, ecr)).length > 0;
}
