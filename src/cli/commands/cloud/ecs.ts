// `containerlings ecs run <taskdef.json> --aws real`: validate the task definition, ask (Fargate bills per
// second), then register it and run one task on Fargate, tagged so that `aws cleanup` stops and removes it.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { CancelledError, UserError } from '../../../errors.js';
import { progressPath } from '../../../progress/store.js';
import { locateWorkspace, openWorkspace } from '../../../progress/workspace.js';
import { fargateSize } from '../../../sandbox/aws/billing.js';
import { DEFAULT_CLUSTER, fargateRunProblems } from '../../../sandbox/aws/ecs-requests.js';
import type { FargateRun } from '../../../sandbox/aws/fargate-run.js';
import { awsMode } from '../../../sandbox/services/sandbox-env.js';
import { checkTaskDefinition } from '../../../sandbox/ecs/task-definition.js';
import type { Invocation } from '../../args.js';
import { fargateConsentFor } from '../../confirm.js';
import { FINDING } from '../../../outcome-theme.js';
import { EXIT, mark, paint, printJson } from '../../output.js';

const CLEANUP = 'containerlings aws cleanup --aws real';
const list = (value?: string) =>
  value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

async function readDefinition(file: string): Promise<ReturnType<typeof checkTaskDefinition>> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UserError(
      `Cannot read ${file}.`,
      'Give the path of your task definition, for example `containerlings ecs run taskdef.json --aws real`.',
      'usage',
    );
  });
  return checkTaskDefinition(text);
}

async function workspaceId(inv: Invocation): Promise<string> {
  const dir = locateWorkspace(inv.workspace);
  if (!existsSync(progressPath(dir))) {
    throw new UserError(
      'No containerlings workspace here, so no workspace id to tag the task with (cleanup finds it by that tag).',
      'Run it inside your workspace, pass `--workspace <dir>`, or create one with `containerlings init`.',
      'workspace',
    );
  }
  return (await openWorkspace(dir)).id;
}

function printRun(run: FargateRun, size: string): void {
  const out = (line: string) => process.stdout.write(line + '\n');
  if (run.status === 'STOPPED') out(`${mark(FINDING.fail)} the task stopped: ${run.stoppedReason}`);
  else if (run.status === 'RUNNING') out(`${mark(FINDING.ok)} the task is running`);
  else
    out(
      `${mark(FINDING.warn)} the task is still ${run.status} (it may take a few minutes; ` +
        `\`aws ecs describe-tasks --cluster ${run.cluster} --tasks ${run.taskArn}\` shows it)`,
    );
  out(`  task        ${run.taskArn}`);
  out(`  cluster     ${run.cluster}${run.clusterCreated ? ' (created, tagged containerlings=true)' : ''}`);
  if (run.status === 'RUNNING') out(`  public IP   ${run.publicIp ?? 'none'}`);
  for (const port of run.ports)
    out(
      `  port        ${port}` +
        (run.publicIp
          ? ` → ${run.publicIp}:${port.split(' ')[1]!.split('/')[0]} ` +
            "(reachable only if the task's security group allows it: a default one does not)"
          : ''),
    );
  if (run.status !== 'STOPPED')
    out(
      `  Fargate bills ${size} per second while it runs. Stop it and deregister the task definition: \`${CLEANUP}\`.`,
    );
  else out(`  The task definition stays registered (free); \`${CLEANUP}\` deregisters it.`);
}

export default async function ecs(inv: Invocation, signal: AbortSignal): Promise<number> {
  const [action, file] = inv.positionals;
  if (action !== 'run' || !file)
    throw new UserError(
      '`containerlings ecs` runs a task definition: `containerlings ecs run <taskdef.json> --aws real`.',
      'Run `containerlings --help` to see the options.',
      'usage',
    );
  const read = await readDefinition(file);
  const errors = read.ok ? (awsMode() === 'real' ? fargateRunProblems(read.definition) : []) : read.errors;
  if (errors.length) {
    if (inv.json) printJson({ ok: false, file, errors });
    else
      process.stdout.write(
        `${mark(FINDING.fail)} ${file} is not a task definition ECS would accept:\n${errors.map((e) => `  ${e}`).join('\n')}\n`,
      );
    return EXIT.fail;
  }
  if (awsMode() !== 'real') {
    throw new UserError(
      '`containerlings ecs run` starts a task on AWS Fargate, and containerlings is in local mode.',
      'To run the task definition on this machine, do the `ecs-run-local` exercise (`containerlings check ecs-run-local`); ' +
        'to run it on AWS, add `--aws real` (your default credentials and AWS_REGION; Fargate bills while the task runs).',
      'usage',
    );
  }
  const definition = (read as { definition: Readonly<Record<string, unknown>> }).definition;
  const id = await workspaceId(inv);
  const task = {
    family: String(definition.family),
    cpu: String(definition.cpu),
    memory: String(definition.memory),
    cluster: inv.cluster ?? DEFAULT_CLUSTER,
  };
  await fargateConsentFor(inv)(task);
  const [{ realEcsClients }, { runOnFargate }] = await Promise.all([
    import('../../../sandbox/aws/ecs-client.js'),
    import('../../../sandbox/aws/fargate-run.js'),
  ]);
  const report = (line: string) => (inv.json ? process.stderr : process.stdout).write(paint('dim', line) + '\n');
  let run: FargateRun;
  try {
    run = await runOnFargate(await realEcsClients(), {
      definition,
      workspaceId: id,
      cluster: task.cluster,
      subnets: list(inv.subnets),
      securityGroups: list(inv.securityGroups),
      signal,
      report,
    });
  } catch (e) {
    if (e instanceof CancelledError)
      process.stderr.write(`Stopped waiting; the task may still be running (and billed): \`${CLEANUP}\` stops it.\n`);
    throw e;
  }
  if (inv.json) printJson({ ok: run.status !== 'STOPPED', ...run, cleanup: CLEANUP });
  else printRun(run, fargateSize(task));
  return run.status === 'STOPPED' ? EXIT.fail : EXIT.pass;
}
