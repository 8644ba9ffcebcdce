// Real AWS mode: find and remove exactly the ECS resources containerlings created, recognised by their tags
// (containerlings=true, plus the workspace id): running tasks are stopped, task definitions deregistered, and
// clusters deleted once empty. Nothing untagged is ever touched.
import { CancelledError, UserError } from '../../errors.js';
import { callEcs, type EcsClients } from './ecs-client.js';
import { ownedByContainerlings } from './ecs-requests.js';
import { waitForTask, type WaitOptions } from './fargate-run.js';
import { loadEcsSdk } from './sdk.js';

export interface OwnedEcs {
  readonly tasks: readonly { readonly arn: string; readonly cluster: string }[];
  readonly taskDefinitions: readonly string[];
  /** Clusters containerlings created, and whether they hold nothing but the tasks above. */
  readonly clusters: readonly { readonly name: string; readonly arn: string; readonly emptyAfterStop: boolean }[];
}

export const ownsNothing = (owned: OwnedEcs) =>
  owned.tasks.length + owned.taskDefinitions.length + owned.clusters.length === 0;

/** Every page of a paginated ECS list call. */
async function allPages<T>(page: (nextToken?: string) => Promise<{ items?: T[]; nextToken?: string }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const p = await page(token);
    out.push(...(p.items ?? []));
    token = p.nextToken;
  } while (token);
  return out;
}

const chunks = <T>(items: readonly T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

export async function ownedEcsResources(ecs: EcsClients['ecs'], workspaceId?: string): Promise<OwnedEcs> {
  const sdk = await loadEcsSdk();
  const clusterArns = await allPages((nextToken) =>
    callEcs('ListClusters', () => ecs.send(new sdk.ListClustersCommand({ nextToken }))).then((p) => ({
      items: p.clusterArns,
      nextToken: p.nextToken,
    })),
  );
  const tasks: OwnedEcs['tasks'][number][] = [];
  const clusters: OwnedEcs['clusters'][number][] = [];
  for (const group of chunks(clusterArns, 100)) {
    const described = await callEcs('DescribeClusters', () =>
      ecs.send(new sdk.DescribeClustersCommand({ clusters: group, include: ['TAGS'] })),
    );
    for (const cluster of described.clusters ?? []) {
      const arns = await allPages((nextToken) =>
        callEcs('ListTasks', () => ecs.send(new sdk.ListTasksCommand({ cluster: cluster.clusterArn, nextToken }))).then(
          (p) => ({ items: p.taskArns, nextToken: p.nextToken }),
        ),
      );
      let mine = 0;
      for (const some of chunks(arns, 100)) {
        const found = await callEcs('DescribeTasks', () =>
          ecs.send(new sdk.DescribeTasksCommand({ cluster: cluster.clusterArn, tasks: some, include: ['TAGS'] })),
        );
        for (const task of found.tasks ?? []) {
          if (!ownedByContainerlings(task.tags, workspaceId)) continue;
          tasks.push({ arn: task.taskArn!, cluster: cluster.clusterArn! });
          mine++;
        }
      }
      if (!ownedByContainerlings(cluster.tags, workspaceId)) continue;
      const empty = !cluster.activeServicesCount && !cluster.registeredContainerInstancesCount && arns.length === mine;
      clusters.push({ name: cluster.clusterName!, arn: cluster.clusterArn!, emptyAfterStop: empty });
    }
  }
  const definitionArns = await allPages((nextToken) =>
    callEcs('ListTaskDefinitions', () =>
      ecs.send(new sdk.ListTaskDefinitionsCommand({ status: 'ACTIVE', nextToken })),
    ).then((p) => ({ items: p.taskDefinitionArns, nextToken: p.nextToken })),
  );
  const taskDefinitions: string[] = [];
  for (const arn of definitionArns) {
    const described = await callEcs('DescribeTaskDefinition', () =>
      ecs.send(new sdk.DescribeTaskDefinitionCommand({ taskDefinition: arn, include: ['TAGS'] })),
    );
    if (ownedByContainerlings(described.tags, workspaceId)) taskDefinitions.push(arn);
  }
  return { tasks, taskDefinitions, clusters };
}

export interface EcsCleanup {
  readonly stopped: string[];
  readonly deregistered: string[];
  readonly deletedClusters: string[];
  readonly keptClusters: { name: string; reason: string }[];
}

/** Stops, deregisters, then deletes the clusters that are empty once their tasks have stopped (waiting, bounded). */
export async function removeOwnedEcs(
  ecs: EcsClients['ecs'],
  owned: OwnedEcs,
  signal?: AbortSignal,
  wait?: WaitOptions,
): Promise<EcsCleanup> {
  const sdk = await loadEcsSdk();
  const done: EcsCleanup = { stopped: [], deregistered: [], deletedClusters: [], keptClusters: [] };
  for (const task of owned.tasks) {
    await callEcs('StopTask', () =>
      ecs.send(
        new sdk.StopTaskCommand({ cluster: task.cluster, task: task.arn, reason: 'containerlings aws cleanup' }),
      ),
    );
    done.stopped.push(task.arn);
  }
  for (const arn of owned.taskDefinitions) {
    await callEcs('DeregisterTaskDefinition', () =>
      ecs.send(new sdk.DeregisterTaskDefinitionCommand({ taskDefinition: arn })),
    );
    done.deregistered.push(arn);
  }
  for (const cluster of owned.clusters) {
    if (!cluster.emptyAfterStop) {
      done.keptClusters.push({
        name: cluster.name,
        reason: 'it runs services, instances or tasks containerlings did not start',
      });
      continue;
    }
    const stopping = owned.tasks.filter((t) => t.cluster === cluster.arn);
    for (const task of stopping) {
      const describe = async () =>
        (
          await callEcs('DescribeTasks', () =>
            ecs.send(new sdk.DescribeTasksCommand({ cluster: cluster.arn, tasks: [task.arn] })),
          )
        ).tasks?.[0];
      await waitForTask(describe, signal, { timeoutMs: 2 * 60_000, ...wait, until: ['STOPPED'] });
    }
    try {
      await ecs.send(new sdk.DeleteClusterCommand({ cluster: cluster.arn }));
      done.deletedClusters.push(cluster.name);
    } catch (e) {
      if (e instanceof CancelledError) throw e;
      const name = (e as { name?: string }).name ?? '';
      if (!/^Cluster(Contains|HasActive)/.test(name)) await callEcs('DeleteCluster', () => Promise.reject(e));
      done.keptClusters.push({
        name: cluster.name,
        reason: 'its tasks are still stopping; run cleanup again in a minute',
      });
    }
  }
  return done;
}

/** The ECS part of cleanup is optional for a learner who only did the ECR lessons: no ECS permission is a note, not a failure. */
export function ecsUnavailable(e: unknown): UserError | undefined {
  return e instanceof UserError && e.kind === 'aws' && /lacks the IAM permission ecs:/.test(e.message) ? e : undefined;
}
