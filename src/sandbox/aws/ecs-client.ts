// The ECS and EC2 clients `containerlings ecs run` and cleanup use in real AWS mode (default credential chain,
// AWS_REGION), and how their errors read: the missing IAM permission named, ECS's own refusals explained.
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ECSClient } from '@aws-sdk/client-ecs';
import { UserError } from '../../errors.js';
import { callAws, type AwsService } from './ecr-client.js';
import { awsRegion } from '../services/sandbox-env.js';

/** Only `send` is used, so tests hand in fakes that record the commands. */
export interface EcsClients {
  readonly ecs: Pick<ECSClient, 'send'>;
  readonly ec2: Pick<EC2Client, 'send'>;
}

const NEEDS =
  "the ECS lesson's `ecs run` and `aws cleanup` need " +
  [
    'ecs:RegisterTaskDefinition',
    'ecs:DescribeClusters',
    'ecs:CreateCluster',
    'ecs:RunTask',
    'ecs:DescribeTasks',
    'ecs:TagResource',
    'ecs:ListClusters',
    'ecs:ListTasks',
    'ecs:StopTask',
    'ecs:ListTaskDefinitions',
    'ecs:DescribeTaskDefinition',
    'ecs:DeregisterTaskDefinition',
    'ecs:DeleteCluster',
    'iam:PassRole (for executionRoleArn and taskRoleArn)',
    'iam:CreateServiceLinkedRole (the first cluster)',
    'ec2:DescribeVpcs',
    'ec2:DescribeSubnets',
    'ec2:DescribeNetworkInterfaces',
  ].join(', ');

export const ECS_SERVICE: AwsService = { name: 'ECS', prefix: 'ecs', needs: NEEDS };
export const EC2_SERVICE: AwsService = { name: 'EC2', prefix: 'ec2', needs: NEEDS };

export async function realEcsClients(env: NodeJS.ProcessEnv = process.env): Promise<EcsClients> {
  const { loadEc2Sdk, loadEcsSdk } = await import('./sdk.js');
  const [{ ECSClient }, { EC2Client }] = await Promise.all([loadEcsSdk(), loadEc2Sdk()]);
  const region = awsRegion(env);
  return { ecs: new ECSClient({ region, maxAttempts: 2 }), ec2: new EC2Client({ region, maxAttempts: 2 }) };
}

/** Calls ECS; besides the environment's problems, ECS's own refusals (a 4xx: a bad role, subnet, size) become UserErrors. */
export async function callEcs<T>(operation: string, work: () => Promise<T>): Promise<T> {
  try {
    return await callAws(operation, work, ECS_SERVICE);
  } catch (e) {
    const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    const status = err.$metadata?.httpStatusCode ?? 0;
    if (e instanceof UserError || status < 400 || status >= 500) throw e;
    throw new UserError(
      `ECS refused ${operation} (${err.name}): ${err.message}`,
      'Fix what it names (in taskdef.json, or the --cluster, --subnets or --security-groups you passed) and run again.',
      'aws',
    );
  }
}

export const callEc2 = <T>(operation: string, work: () => Promise<T>): Promise<T> =>
  callAws(operation, work, EC2_SERVICE);
