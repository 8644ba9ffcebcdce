// `ecs run --aws real` and the ECS part of `aws cleanup` without AWS: the request shapes, the consent, the wait
// and the error explanations, against clients whose send() records each command and answers from a script.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { fargateConsent } from '../../src/sandbox/aws/billing.js';
import { callEcs, type EcsClients } from '../../src/sandbox/aws/ecs-client.js';
import { ownedEcsResources, removeOwnedEcs } from '../../src/sandbox/aws/ecs-cleanup.js';
import {
  ecsOwnershipTags,
  fargateRunProblems,
  registerRequest,
  runTaskRequest,
} from '../../src/sandbox/aws/ecs-requests.js';
import { runOnFargate, waitForTask } from '../../src/sandbox/aws/fargate-run.js';

const REAL = { CONTAINERLINGS_AWS: 'real', AWS_REGION: 'eu-west-1' };
const OURS = [
  { key: 'containerlings', value: 'true' },
  { key: 'containerlings-workspace', value: 'ws-1' },
];
const DEFINITION = {
  family: 'greeter',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx', portMappings: [{ containerPort: 8080 }] }],
  tags: [{ key: 'team', value: 'blue' }],
};
const now = async () => undefined;

/** The request fields these fakes and tests read (the SDK's inputs have more). */
type Input = {
  cluster?: string;
  clusterName?: string;
  tasks?: string[];
  task?: string;
  taskDefinition?: string;
  include?: string[];
  tags?: unknown;
  networkConfiguration?: { awsvpcConfiguration?: unknown };
};
type Answer = (input: Input) => unknown;
type Task = { taskArn: string; tags?: unknown[]; lastStatus?: string };
/** One fake for both services: answers by command name, records what was sent. */
function scripted(answers: Record<string, Answer>) {
  const sent: { command: string; input: Input }[] = [];
  const send = async (command: { constructor: { name: string }; input: unknown }) => {
    const name = command.constructor.name.replace(/Command$/, '');
    sent.push({ command: name, input: command.input as Input });
    const answer = answers[name];
    if (!answer) throw new Error(`unexpected ${name}`);
    return answer(command.input as Input);
  };
  return {
    clients: { ecs: { send }, ec2: { send } } as unknown as EcsClients,
    sent,
    names: () => sent.map((s) => s.command),
  };
}

const denied = (action: string) => () => {
  throw Object.assign(new Error(`User: arn:aws:iam::1:user/u is not authorized to perform: ${action} on resource: *`), {
    name: 'AccessDeniedException',
    $metadata: { httpStatusCode: 400 },
  });
};

/** An account with a default VPC, the given clusters, and a task that reports `statuses` in turn. */
function account(options: { clusters?: object[]; statuses?: object[]; vpcs?: object[] } = {}) {
  const statuses = [
    ...(options.statuses ?? [
      { lastStatus: 'PROVISIONING' },
      {
        lastStatus: 'RUNNING',
        attachments: [{ type: 'ElasticNetworkInterface', details: [{ name: 'networkInterfaceId', value: 'eni-1' }] }],
      },
    ]),
  ];
  return {
    DescribeVpcs: () => ({ Vpcs: options.vpcs ?? [{ VpcId: 'vpc-1', IsDefault: true }] }),
    DescribeSubnets: () => ({ Subnets: [{ SubnetId: 'subnet-a' }, { SubnetId: 'subnet-b' }] }),
    RegisterTaskDefinition: () => ({
      taskDefinition: { taskDefinitionArn: 'arn:aws:ecs:eu-west-1:1:task-definition/greeter:1' },
    }),
    DescribeClusters: () => ({ clusters: options.clusters ?? [] }),
    CreateCluster: (input: Input) => ({ cluster: { clusterName: input.clusterName } }),
    RunTask: () => ({ tasks: [{ taskArn: 'arn:aws:ecs:eu-west-1:1:task/containerlings/t1' }] }),
    DescribeTasks: () => ({
      tasks: [
        {
          taskArn: 'arn:aws:ecs:eu-west-1:1:task/containerlings/t1',
          ...(statuses.length > 1 ? statuses.shift() : statuses[0]),
        },
      ],
    }),
    DescribeNetworkInterfaces: () => ({ NetworkInterfaces: [{ Association: { PublicIp: '203.0.113.7' } }] }),
  };
}

const run = (clients: EcsClients, extra = {}) =>
  runOnFargate(clients, {
    definition: DEFINITION,
    workspaceId: 'ws-1',
    cluster: 'containerlings',
    wait: { sleep: now },
    ...extra,
  });

describe('the requests, built on their own', () => {
  it("registers the learner's definition with the containerlings tags added, keeping their own", () => {
    const input = registerRequest(DEFINITION, 'ws-1');
    expect(input.tags).toEqual([{ key: 'team', value: 'blue' }, ...OURS]);
    expect(input.family).toBe('greeter');
    expect(ecsOwnershipTags('ws-1')).toEqual(OURS);
  });
  it('runs one FARGATE task in the given subnets with a public IP, tagged, with ECS managed tags', () => {
    expect(
      runTaskRequest({
        cluster: 'c',
        taskDefinitionArn: 'arn:td',
        subnets: ['subnet-a'],
        securityGroups: [],
        workspaceId: 'ws-1',
      }),
    ).toEqual({
      cluster: 'c',
      taskDefinition: 'arn:td',
      launchType: 'FARGATE',
      count: 1,
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a'], assignPublicIp: 'ENABLED' } },
      tags: OURS,
      enableECSManagedTags: true,
      startedBy: 'containerlings',
    });
    expect(
      runTaskRequest({
        cluster: 'c',
        taskDefinitionArn: 'arn:td',
        subnets: ['s'],
        securityGroups: ['sg-1'],
        workspaceId: 'w',
      }).networkConfiguration?.awsvpcConfiguration?.securityGroups,
    ).toEqual(['sg-1']);
  });
  it('a definition without FARGATE in requiresCompatibilities cannot run on Fargate, and the field is named', () => {
    expect(fargateRunProblems({ ...DEFINITION, requiresCompatibilities: undefined })).toEqual([
      expect.stringMatching(/^requiresCompatibilities: must include "FARGATE"/),
    ]);
    expect(fargateRunProblems(DEFINITION)).toEqual([]);
  });
});

describe('running on Fargate', () => {
  it("finds the default VPC's subnets, registers tagged, creates the cluster tagged, runs, waits and finds the public IP", async () => {
    const { clients, sent, names } = scripted(account());
    const result = await run(clients);
    expect(names()).toEqual([
      'DescribeVpcs',
      'DescribeSubnets',
      'RegisterTaskDefinition',
      'DescribeClusters',
      'CreateCluster',
      'RunTask',
      'DescribeTasks',
      'DescribeTasks',
      'DescribeNetworkInterfaces',
    ]);
    const input = (name: string) => sent.find((s) => s.command === name)!.input;
    expect(input('DescribeVpcs')).toEqual({ Filters: [{ Name: 'isDefault', Values: ['true'] }] });
    expect(input('DescribeSubnets')).toEqual({ Filters: [{ Name: 'vpc-id', Values: ['vpc-1'] }] });
    expect(input('RegisterTaskDefinition').tags).toEqual([{ key: 'team', value: 'blue' }, ...OURS]);
    expect(input('CreateCluster')).toEqual({ clusterName: 'containerlings', tags: OURS });
    expect(input('RunTask')).toMatchObject({
      launchType: 'FARGATE',
      tags: OURS,
      taskDefinition: 'arn:aws:ecs:eu-west-1:1:task-definition/greeter:1',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a', 'subnet-b'], assignPublicIp: 'ENABLED' } },
    });
    expect(input('DescribeNetworkInterfaces')).toEqual({ NetworkInterfaceIds: ['eni-1'] });
    expect(result).toMatchObject({
      status: 'RUNNING',
      publicIp: '203.0.113.7',
      clusterCreated: true,
      ports: ['web 8080/tcp'],
      taskArn: 'arn:aws:ecs:eu-west-1:1:task/containerlings/t1',
    });
  });

  it('reuses an ACTIVE cluster, and uses --subnets without looking for the default VPC', async () => {
    const { clients, names, sent } = scripted(
      account({ clusters: [{ clusterName: 'containerlings', status: 'ACTIVE' }] }),
    );
    const result = await run(clients, { subnets: ['subnet-mine'], securityGroups: ['sg-web'] });
    expect(names()).not.toContain('CreateCluster');
    expect(names()).not.toContain('DescribeVpcs');
    expect(sent.find((s) => s.command === 'RunTask')!.input.networkConfiguration!.awsvpcConfiguration).toEqual({
      subnets: ['subnet-mine'],
      securityGroups: ['sg-web'],
      assignPublicIp: 'ENABLED',
    });
    expect(result.clusterCreated).toBe(false);
  });

  it('a task that stops is reported with its reason, and no IP is looked up', async () => {
    const stopped = {
      lastStatus: 'STOPPED',
      stoppedReason: 'Task failed to start',
      containers: [{ name: 'web', reason: 'CannotPullContainerError: pull access denied' }],
    };
    const { clients, names } = scripted(account({ statuses: [{ lastStatus: 'PENDING' }, stopped] }));
    const result = await run(clients);
    expect(result).toMatchObject({
      status: 'STOPPED',
      stoppedReason: 'Task failed to start: CannotPullContainerError: pull access denied',
    });
    expect(names()).not.toContain('DescribeNetworkInterfaces');
  });

  it('with no default VPC, says to pass --subnets or create one, before anything is created', async () => {
    const { clients, names } = scripted(account({ vpcs: [] }));
    const e = await run(clients).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).message).toMatch(/no default VPC/);
    expect((e as UserError).next).toMatch(/--subnets[\s\S]*--security-groups[\s\S]*create-default-vpc/);
    expect(names()).toEqual(['DescribeVpcs']);
  });

  it("AccessDenied on RunTask names ecs:RunTask; on iam:PassRole it points at the task definition's roles", async () => {
    const { clients } = scripted({ ...account(), RunTask: denied('ecs:RunTask') });
    await expect(run(clients)).rejects.toMatchObject({
      name: 'UserError',
      kind: 'aws',
      message: expect.stringContaining('ecs:RunTask'),
    });
    const bare = Object.assign(new Error('Access denied'), { name: 'AccessDeniedException' });
    await expect(callEcs('RunTask', () => Promise.reject(bare))).rejects.toMatchObject({
      message: expect.stringContaining('lacks the IAM permission ecs:RunTask'),
    });
    const role = scripted({ ...account(), RegisterTaskDefinition: denied('iam:PassRole') });
    await expect(run(role.clients)).rejects.toMatchObject({
      message: expect.stringMatching(
        /iam:PassRole on the roles in the task definition's executionRoleArn and taskRoleArn/,
      ),
    });
  });

  it("ECS's own refusal (a 4xx) becomes a UserError with its message; a missing subnet permission names ec2:DescribeSubnets", async () => {
    const bad = Object.assign(new Error('No Fargate configuration exists for given values.'), {
      name: 'ClientException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(callEcs('RegisterTaskDefinition', () => Promise.reject(bad))).rejects.toMatchObject({
      name: 'UserError',
      message:
        'ECS refused RegisterTaskDefinition (ClientException): No Fargate configuration exists for given values.',
    });
    const { clients } = scripted({ ...account(), DescribeSubnets: denied('ec2:DescribeSubnets') });
    await expect(run(clients)).rejects.toMatchObject({ message: expect.stringContaining('ec2:DescribeSubnets') });
  });
});

describe('waiting for the task', () => {
  it('stops at RUNNING or STOPPED, returns what it last saw when time runs out, and a cancel ends it', async () => {
    const seen = ['PROVISIONING', 'PENDING', 'RUNNING'];
    expect((await waitForTask(async () => ({ lastStatus: seen.shift() }), undefined, { sleep: now }))?.lastStatus).toBe(
      'RUNNING',
    );
    expect(
      (await waitForTask(async () => ({ lastStatus: 'PENDING' }), undefined, { sleep: now, timeoutMs: 0 }))?.lastStatus,
    ).toBe('PENDING');
    const controller = new AbortController();
    const waiting = waitForTask(async () => ({ lastStatus: 'PENDING' }), controller.signal, { intervalMs: 60_000 });
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'CancelledError' });
  });
});

describe('the consent before a Fargate task', () => {
  const task = { family: 'greeter', cpu: '256', memory: '512', cluster: 'containerlings' };
  it('without a terminal and without --yes refuses, naming the size and per-second billing; --yes goes ahead unasked', async () => {
    const refused = await fargateConsent(false, undefined, REAL)(task).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      name: 'UserError',
      message: expect.stringMatching(/greeter as a Fargate task \(0\.25 vCPU, 512 MiB\).*\(eu-west-1\).*per second/),
      next: expect.stringMatching(/--yes[\s\S]*ecs-run-local/),
    });
    const asked: string[] = [];
    await fargateConsent(true, { account: async () => '1', confirm: async (q) => (asked.push(q), false) }, REAL)(task);
    expect(asked).toEqual([]);
  });
  it('on a terminal asks, naming the account, region, size, per-second billing and cleanup; a no stops', async () => {
    const asked: string[] = [];
    const consent = fargateConsent(
      false,
      { account: async () => '123456789012', confirm: async (q) => (asked.push(q), false) },
      REAL,
    );
    await expect(consent(task)).rejects.toThrow(/Nothing was registered or started/);
    expect(asked).toEqual([
      expect.stringMatching(
        /greeter.*Fargate task \(0\.25 vCPU, 512 MiB\).*cluster containerlings of AWS account 123456789012 \(eu-west-1\).*per second.*containerlings aws cleanup --aws real/,
      ),
    ]);
  });
});

describe('aws cleanup, ECS part', () => {
  const clusters = [
    {
      clusterName: 'containerlings',
      clusterArn: 'arn:c/containerlings',
      tags: OURS,
      activeServicesCount: 0,
      registeredContainerInstancesCount: 0,
    },
    { clusterName: 'prod', clusterArn: 'arn:c/prod', tags: [{ key: 'team', value: 'x' }], activeServicesCount: 3 },
  ];
  const tasksIn: Record<string, Task[]> = {
    'arn:c/containerlings': [{ taskArn: 'arn:t/ours', tags: OURS, lastStatus: 'STOPPED' }],
    'arn:c/prod': [
      { taskArn: 'arn:t/theirs', tags: [{ key: 'team', value: 'x' }] },
      { taskArn: 'arn:t/other-ws', tags: [OURS[0], { key: 'containerlings-workspace', value: 'ws-2' }] },
    ],
  };
  const answers = {
    ListClusters: () => ({ clusterArns: clusters.map((c) => c.clusterArn) }),
    DescribeClusters: () => ({ clusters }),
    ListTasks: (input: Input) => ({ taskArns: tasksIn[input.cluster!]!.map((t) => t.taskArn) }),
    DescribeTasks: (input: Input) => ({
      tasks: tasksIn[input.cluster!]!.filter((t) => input.tasks!.includes(t.taskArn)),
    }),
    ListTaskDefinitions: () => ({ taskDefinitionArns: ['arn:td/greeter:1', 'arn:td/billing:7'] }),
    DescribeTaskDefinition: (input: Input) => ({
      taskDefinition: {},
      tags: input.taskDefinition!.includes('greeter') ? OURS : [],
    }),
    StopTask: () => ({}),
    DeregisterTaskDefinition: () => ({}),
    DeleteCluster: () => ({}),
  };

  it("selects only this workspace's tagged tasks, task definitions and clusters, and removes exactly those", async () => {
    const { clients, sent } = scripted(answers);
    const owned = await ownedEcsResources(clients.ecs, 'ws-1');
    expect(owned).toEqual({
      tasks: [{ arn: 'arn:t/ours', cluster: 'arn:c/containerlings' }],
      taskDefinitions: ['arn:td/greeter:1'],
      clusters: [{ name: 'containerlings', arn: 'arn:c/containerlings', emptyAfterStop: true }],
    });
    expect(
      sent
        .filter(
          (s) =>
            s.command === 'DescribeClusters' || s.command === 'DescribeTasks' || s.command === 'DescribeTaskDefinition',
        )
        .every((s) => s.input.include?.includes('TAGS')),
    ).toBe(true);
    const done = await removeOwnedEcs(clients.ecs, owned, undefined, { sleep: now });
    expect(done).toEqual({
      stopped: ['arn:t/ours'],
      deregistered: ['arn:td/greeter:1'],
      deletedClusters: ['containerlings'],
      keptClusters: [],
    });
    const changed = sent.filter((s) => ['StopTask', 'DeregisterTaskDefinition', 'DeleteCluster'].includes(s.command));
    expect(changed.map((s) => [s.command, s.input.task ?? s.input.taskDefinition ?? s.input.cluster])).toEqual([
      ['StopTask', 'arn:t/ours'],
      ['DeregisterTaskDefinition', 'arn:td/greeter:1'],
      ['DeleteCluster', 'arn:c/containerlings'],
    ]);
  });

  it(
    'with --all takes every containerlings-tagged task, never an untagged one; ' +
      "a cluster holding another workspace's task is kept",
    async () => {
      const otherWs = {
        taskArn: 'arn:t/other-ws',
        tags: [OURS[0], { key: 'containerlings-workspace', value: 'ws-2' }],
        lastStatus: 'STOPPED',
      };
      const shared = {
        'arn:c/containerlings': [...tasksIn['arn:c/containerlings']!, otherWs],
        'arn:c/prod': [tasksIn['arn:c/prod']![0]],
      } as Record<string, Task[]>;
      const { clients, names } = scripted({
        ...answers,
        ListTasks: (input: Input) => ({ taskArns: shared[input.cluster!]!.map((t) => t.taskArn) }),
        DescribeTasks: (input: Input) => ({
          tasks: shared[input.cluster!]!.filter((t) => input.tasks!.includes(t.taskArn)),
        }),
      });
      const all = await ownedEcsResources(clients.ecs);
      expect(all.tasks.map((t) => t.arn)).toEqual(['arn:t/ours', 'arn:t/other-ws']);
      expect(all.clusters).toEqual([{ name: 'containerlings', arn: 'arn:c/containerlings', emptyAfterStop: true }]);
      const mine = await ownedEcsResources(clients.ecs, 'ws-1');
      expect(mine.clusters).toEqual([{ name: 'containerlings', arn: 'arn:c/containerlings', emptyAfterStop: false }]);
      const done = await removeOwnedEcs(clients.ecs, mine, undefined, { sleep: now });
      expect(done.keptClusters).toEqual([{ name: 'containerlings', reason: expect.stringMatching(/did not start/) }]);
      expect(names()).not.toContain('DeleteCluster');
    },
  );
});
