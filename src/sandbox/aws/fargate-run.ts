// Runs a task definition on Fargate in real AWS mode: finds the network (the default VPC's subnets, or the
// ones given), registers the definition, reuses or creates the cluster, starts one task, and waits until it
// runs or stops. Everything it creates carries the containerlings tags, so `aws cleanup` finds it again.
import type { Task } from '@aws-sdk/client-ecs';
import { setTimeout as sleepFor } from 'node:timers/promises';
import { CancelledError, UserError } from '../../errors.js';
import { callEc2, callEcs, type EcsClients } from './ecs-client.js';
import {
  createClusterRequest,
  defaultVpcRequest,
  mappedPorts,
  networkInterfaceId,
  registerRequest,
  runTaskRequest,
  subnetsRequest,
} from './ecs-requests.js';
import { loadEc2Sdk, loadEcsSdk } from './sdk.js';

export interface FargateRunOptions {
  readonly definition: Readonly<Record<string, unknown>>;
  readonly workspaceId: string;
  readonly cluster: string;
  /** Given with --subnets; else the default VPC's. */
  readonly subnets?: readonly string[];
  readonly securityGroups?: readonly string[];
  readonly signal?: AbortSignal;
  readonly report?: (line: string) => void;
  readonly wait?: WaitOptions;
}

export interface FargateRun {
  readonly taskDefinitionArn: string;
  readonly cluster: string;
  readonly clusterCreated: boolean;
  readonly taskArn: string;
  /** RUNNING, STOPPED, or the status it still had when the wait ran out (PROVISIONING, PENDING). */
  readonly status: string;
  readonly stoppedReason?: string;
  readonly publicIp?: string;
  readonly ports: readonly string[];
  readonly subnets: readonly string[];
}

export interface WaitOptions {
  /** The statuses that end the wait: RUNNING and STOPPED unless told. */
  readonly until?: readonly string[];
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
  /** Tests pass one that returns at once. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<unknown>;
}

/** Polls until the task is RUNNING or STOPPED (or `until`'s), or the time runs out (then returns what it last saw). Aborting cancels. */
export async function waitForTask(
  describe: () => Promise<Task | undefined>,
  signal?: AbortSignal,
  options: WaitOptions = {},
): Promise<Task | undefined> {
  const {
    until = ['RUNNING', 'STOPPED'],
    timeoutMs = 5 * 60_000,
    intervalMs = 5_000,
    sleep = (ms, s) => sleepFor(ms, undefined, { signal: s }),
  } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (signal?.aborted) throw new CancelledError();
    const task = await describe();
    if (until.includes(task?.lastStatus ?? '') || Date.now() >= deadline) return task;
    await sleep(intervalMs, signal).catch(() => {
      throw new CancelledError();
    });
  }
}

/** The default VPC's subnets; a UserError when the region has no default VPC. */
export async function defaultSubnets(ec2: EcsClients['ec2']): Promise<string[]> {
  const sdk = await loadEc2Sdk();
  const vpcs = await callEc2('DescribeVpcs', () => ec2.send(new sdk.DescribeVpcsCommand(defaultVpcRequest)));
  const vpcId = vpcs.Vpcs?.[0]?.VpcId;
  const noDefault = (what: string) =>
    new UserError(
      `${what}, so there is nowhere to put the Fargate task's network interface.`,
      'Pass `--subnets subnet-...,subnet-...` (and `--security-groups sg-...`) of a VPC you have, ' +
        'or create a default VPC with `aws ec2 create-default-vpc`.',
      'aws',
    );
  if (!vpcId) throw noDefault('This region has no default VPC');
  const subnets = await callEc2('DescribeSubnets', () =>
    ec2.send(new sdk.DescribeSubnetsCommand(subnetsRequest(vpcId))),
  );
  const ids = (subnets.Subnets ?? []).map((s) => s.SubnetId!).filter(Boolean);
  if (ids.length === 0) throw noDefault(`The default VPC ${vpcId} has no subnets`);
  return ids;
}

/** Reuses an ACTIVE cluster of that name, or creates it with the containerlings tags. */
async function ensureCluster(ecs: EcsClients['ecs'], name: string, workspaceId: string): Promise<boolean> {
  const sdk = await loadEcsSdk();
  const found = await callEcs('DescribeClusters', () =>
    ecs.send(new sdk.DescribeClustersCommand({ clusters: [name] })),
  );
  if (found.clusters?.some((c) => c.status === 'ACTIVE')) return false;
  await callEcs('CreateCluster', () => ecs.send(new sdk.CreateClusterCommand(createClusterRequest(name, workspaceId))));
  return true;
}

async function publicIp(ec2: EcsClients['ec2'], task: Task): Promise<string | undefined> {
  const eni = networkInterfaceId(task);
  if (!eni) return undefined;
  const sdk = await loadEc2Sdk();
  const out = await callEc2('DescribeNetworkInterfaces', () =>
    ec2.send(new sdk.DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eni] })),
  );
  return out.NetworkInterfaces?.[0]?.Association?.PublicIp;
}

export async function runOnFargate(clients: EcsClients, o: FargateRunOptions): Promise<FargateRun> {
  const sdk = await loadEcsSdk();
  const report = o.report ?? (() => undefined);
  // The network is only read: when it is missing, nothing has been created yet.
  const subnets = o.subnets?.length ? [...o.subnets] : await defaultSubnets(clients.ec2);
  const registered = await callEcs('RegisterTaskDefinition', () =>
    clients.ecs.send(new sdk.RegisterTaskDefinitionCommand(registerRequest(o.definition, o.workspaceId))),
  );
  const taskDefinitionArn = registered.taskDefinition!.taskDefinitionArn!;
  report(`registered ${taskDefinitionArn}`);
  const clusterCreated = await ensureCluster(clients.ecs, o.cluster, o.workspaceId);
  report(clusterCreated ? `created cluster ${o.cluster}` : `using cluster ${o.cluster}`);
  const started = await callEcs('RunTask', () =>
    clients.ecs.send(
      new sdk.RunTaskCommand(
        runTaskRequest({
          cluster: o.cluster,
          taskDefinitionArn,
          subnets,
          securityGroups: o.securityGroups ?? [],
          workspaceId: o.workspaceId,
        }),
      ),
    ),
  );
  const taskArn = started.tasks?.[0]?.taskArn;
  if (!taskArn) {
    const why =
      started.failures
        ?.map((f) => f.reason)
        .filter(Boolean)
        .join('; ') || 'no reason given';
    throw new UserError(
      `ECS did not start the task: ${why}.`,
      'Check the cluster and subnets, then run again; `containerlings aws cleanup --aws real` deregisters the task definition.',
      'aws',
    );
  }
  report(`started ${taskArn}; waiting until it runs (Ctrl-C stops waiting, not the task)`);
  const describe = async () =>
    (
      await callEcs('DescribeTasks', () =>
        clients.ecs.send(new sdk.DescribeTasksCommand({ cluster: o.cluster, tasks: [taskArn] })),
      )
    ).tasks?.[0];
  const task = await waitForTask(describe, o.signal, o.wait);
  const status = task?.lastStatus ?? 'UNKNOWN';
  return {
    taskDefinitionArn,
    cluster: o.cluster,
    clusterCreated,
    taskArn,
    status,
    subnets,
    stoppedReason: status === 'STOPPED' ? stoppedReason(task!) : undefined,
    publicIp: status === 'RUNNING' ? await publicIp(clients.ec2, task!) : undefined,
    ports: mappedPorts(o.definition),
  };
}

/** The task's reason, plus the first container's when it says more (CannotPullContainerError, exit codes). */
function stoppedReason(task: Task): string {
  const container = task.containers?.find((c) => c.reason || c.exitCode !== undefined);
  const detail =
    container?.reason ??
    (container?.exitCode !== undefined ? `${container.name} exited with code ${container.exitCode}` : undefined);
  return [task.stoppedReason ?? 'no reason given', detail].filter(Boolean).join(': ');
}
