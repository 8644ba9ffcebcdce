// The requests `containerlings ecs run --aws real` sends, built from the task definition and the options alone
// (no SDK, no network), so their shapes can be checked on their own: tags on everything, FARGATE, awsvpc.
import type {
  CreateClusterCommandInput,
  RegisterTaskDefinitionCommandInput,
  RunTaskCommandInput,
  Tag,
  Task,
} from '@aws-sdk/client-ecs';
import type { DescribeSubnetsCommandInput, DescribeVpcsCommandInput } from '@aws-sdk/client-ec2';
import { ownershipTags } from './real-cleanup.js';

export const DEFAULT_CLUSTER = 'containerlings';

/** ownershipTags in ECS's spelling ({key, value}; ECR and EC2 spell them {Key, Value}). */
export const ecsOwnershipTags = (workspaceId: string): Tag[] =>
  ownershipTags(workspaceId).map((t) => ({ key: t.Key, value: t.Value }));

/** True when ECS tags say containerlings created the resource (for this workspace, when one is given). */
export function ownedByContainerlings(tags: readonly Tag[] | undefined, workspaceId?: string): boolean {
  const [owner, workspace] = ecsOwnershipTags(workspaceId ?? '');
  const has = (tag: Tag) => (tags ?? []).some((t) => t.key === tag.key && t.value === tag.value);
  return has(owner!) && (!workspaceId || has(workspace!));
}

/** The learner's task definition with our tags added (their own tags kept, ours win on the same key). */
export function registerRequest(
  definition: Readonly<Record<string, unknown>>,
  workspaceId: string,
): RegisterTaskDefinitionCommandInput {
  const ours = ecsOwnershipTags(workspaceId);
  const theirs = ((definition.tags ?? []) as Tag[]).filter((t) => !ours.some((o) => o.key === t.key));
  return { ...(definition as unknown as RegisterTaskDefinitionCommandInput), tags: [...theirs, ...ours] };
}

export const createClusterRequest = (clusterName: string, workspaceId: string): CreateClusterCommandInput => ({
  clusterName,
  tags: ecsOwnershipTags(workspaceId),
});

export const defaultVpcRequest: DescribeVpcsCommandInput = { Filters: [{ Name: 'isDefault', Values: ['true'] }] };

export const subnetsRequest = (vpcId: string): DescribeSubnetsCommandInput => ({
  Filters: [{ Name: 'vpc-id', Values: [vpcId] }],
});

export interface RunPlacement {
  readonly cluster: string;
  readonly taskDefinitionArn: string;
  readonly subnets: readonly string[];
  /** None: the VPC's default security group. */
  readonly securityGroups: readonly string[];
  readonly workspaceId: string;
}

export function runTaskRequest(p: RunPlacement): RunTaskCommandInput {
  return {
    cluster: p.cluster,
    taskDefinition: p.taskDefinitionArn,
    launchType: 'FARGATE',
    count: 1,
    networkConfiguration: {
      awsvpcConfiguration: {
        subnets: [...p.subnets],
        ...(p.securityGroups.length ? { securityGroups: [...p.securityGroups] } : {}),
        assignPublicIp: 'ENABLED',
      },
    },
    // Our tags directly, not also propagated from the task definition: the same key twice in one request is
    // not something to find out about on a learner's account.
    tags: ecsOwnershipTags(p.workspaceId),
    enableECSManagedTags: true,
    startedBy: 'containerlings',
  };
}

/** Problems that stop a valid task definition from running on Fargate, each naming its field. */
export function fargateRunProblems(definition: Readonly<Record<string, unknown>>): string[] {
  const compat = definition.requiresCompatibilities as readonly string[] | undefined;
  return compat?.includes('FARGATE')
    ? []
    : [
        'requiresCompatibilities: must include "FARGATE" to run on Fargate (with networkMode "awsvpc" and task-level cpu and memory)',
      ];
}

/** The container ports the task definition maps, such as ["web 8080/tcp"]. */
export function mappedPorts(definition: Readonly<Record<string, unknown>>): string[] {
  const containers = definition.containerDefinitions as {
    name?: string;
    portMappings?: { containerPort?: number; protocol?: string }[];
  }[];
  return containers.flatMap((c) =>
    (c.portMappings ?? [])
      .filter((p) => p.containerPort)
      .map((p) => `${c.name} ${p.containerPort}/${p.protocol ?? 'tcp'}`),
  );
}

/** The elastic network interface Fargate gave the task (its public IP is looked up on it). */
export function networkInterfaceId(task: Task): string | undefined {
  const eni = task.attachments?.find((a) => a.type === 'ElasticNetworkInterface');
  return eni?.details?.find((d) => d.name === 'networkInterfaceId')?.value;
}
