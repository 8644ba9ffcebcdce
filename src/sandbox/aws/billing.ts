// Real AWS mode costs money. One rule says what is billable (exercises' ECR repositories, a Fargate task), and
// one consent is asked before containerlings itself creates it. How to ask (a terminal prompt, the account)
// comes from the caller.
import { UserError } from '../../errors.js';
import type { Exercise } from '../../lessons/course.js';
import { memoryBytes, nanoCpus } from '../ecs/units.js';
import { awsMode, awsRegion } from '../services/sandbox-env.js';

/** The ECR repositories these exercises' scripts create on AWS: those they declare, and only in real mode. */
export function billableRepositories(exercises: readonly Exercise[], env: NodeJS.ProcessEnv = process.env): string[] {
  if (awsMode(env) !== 'real') return [];
  return [...new Set(exercises.flatMap((e) => e.meta.resources.repositories))];
}

export function billingQuestion(repositories: readonly string[], account: string, region: string): string {
  return (
    `This creates ECR repositories (${repositories.join(', ')}) in AWS account ${account} (${region}); ` +
    'storage is billed to that account; `containerlings aws cleanup --aws real` deletes them. Continue?'
  );
}

/** A task definition about to run on Fargate: billed for its cpu and memory, per second, while it runs. */
export interface FargateTask {
  readonly family: string;
  readonly cpu: string;
  readonly memory: string;
  readonly cluster: string;
}

/** "0.25 vCPU, 512 MiB" from ECS's units ("256", "0.25 vCPU"; "512", "1 GB"). */
export const fargateSize = (task: Pick<FargateTask, 'cpu' | 'memory'>) =>
  `${nanoCpus(task.cpu) / 1e9} vCPU, ${memoryBytes(task.memory) / (1024 * 1024)} MiB`;

export function fargateQuestion(task: FargateTask, account: string, region: string): string {
  return (
    `This registers the task definition ${task.family} and runs it as a Fargate task (${fargateSize(task)}) ` +
    `in cluster ${task.cluster} of AWS account ${account} (${region}); ` +
    'Fargate bills that size per second while the task runs; ' +
    '`containerlings aws cleanup --aws real` stops it and deregisters the task definition. Continue?'
  );
}

/** How to ask on a terminal: the account the question names, and the yes/no prompt. */
export interface BillingPrompt {
  account(): Promise<string>;
  confirm(question: string): Promise<boolean>;
}

/** What one billable thing says: the question, the refusal without a terminal, and the answer to a no. */
interface Charge {
  question(account: string, region: string): string;
  refused(region: string): [message: string, next: string];
  declined: [message: string, next: string];
}

/**
 * `yes` (--yes) accepts without asking; without it, `prompt` asks once and the answer is kept (the TUI asks before
 * it mounts, and never again inside it); with no prompt (no terminal) it refuses.
 */
function consent(
  yes: boolean,
  prompt: BillingPrompt | undefined,
  env: NodeJS.ProcessEnv,
): (charge: Charge) => Promise<void> {
  let answer: Promise<boolean> | undefined;
  return async (charge) => {
    if (yes) return;
    const region = awsRegion(env);
    if (!prompt) throw new UserError(...charge.refused(region), 'usage');
    answer ??= prompt.account().then((account) => prompt.confirm(charge.question(account, region)));
    if (!(await answer)) throw new UserError(...charge.declined, 'usage');
  };
}

/** Resolves when running these exercises' scripts may go ahead; throws a UserError when it may not. */
export type BillingConsent = (exercises: readonly Exercise[]) => Promise<void>;

export function billingConsent(
  yes: boolean,
  prompt?: BillingPrompt,
  env: NodeJS.ProcessEnv = process.env,
): BillingConsent {
  const ask = consent(yes, prompt, env);
  return async (exercises) => {
    const repositories = billableRepositories(exercises, env);
    if (repositories.length === 0) return;
    const names = repositories.join(', ');
    await ask({
      question: (account, region) => billingQuestion(repositories, account, region),
      refused: (region) => [
        `In real AWS mode this creates ECR repositories in your AWS account (${region}): ${names}. ` +
          'Their storage is billed to that account, and there is no terminal to confirm in, so nothing was created.',
        'Re-run with `--yes` to accept (`containerlings aws cleanup --aws real` deletes them afterwards), ' +
          'or leave out `--aws real` to use the local ECR endpoint.',
      ],
      declined: [
        `Nothing was created: you declined creating ${names} in your AWS account.`,
        'Leave out `--aws real` to use the local ECR endpoint, or run again and accept.',
      ],
    });
  };
}

/** Resolves when this task may be registered and started on Fargate; throws a UserError when it may not. */
export function fargateConsent(
  yes: boolean,
  prompt?: BillingPrompt,
  env: NodeJS.ProcessEnv = process.env,
): (task: FargateTask) => Promise<void> {
  const ask = consent(yes, prompt, env);
  return (task) =>
    ask({
      question: (account, region) => fargateQuestion(task, account, region),
      refused: (region) => [
        `In real AWS mode this runs ${task.family} as a Fargate task (${fargateSize(task)}) ` +
          `in your AWS account (${region}). Fargate bills it per second while it runs, ` +
          'and there is no terminal to confirm in, so nothing was registered or started.',
        'Re-run with `--yes` to accept (`containerlings aws cleanup --aws real` stops it afterwards), ' +
          'or run it on your machine: the `ecs-run-local` exercise.',
      ],
      declined: [
        `Nothing was registered or started: you declined running ${task.family} on Fargate.`,
        'Run it on your machine (the `ecs-run-local` exercise), or run again and accept.',
      ],
    });
}
