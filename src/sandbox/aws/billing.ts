// Real AWS mode costs money. One rule says which exercises' scripts create billable resources, and one consent
// is asked before containerlings itself runs them. How to ask (a terminal prompt, the account) comes from the caller.
import { UserError } from '../../errors.js';
import type { Exercise } from '../../lessons/course.js';
import { awsMode, awsRegion } from './sandbox-env.js';

/** The ECR repositories these exercises' scripts create on AWS: those they declare, and only in real mode. */
export function billableRepositories(exercises: readonly Exercise[], env: NodeJS.ProcessEnv = process.env): string[] {
  if (awsMode(env) !== 'real') return [];
  return [...new Set(exercises.flatMap((e) => e.meta.resources.repositories))];
}

export function billingQuestion(repositories: readonly string[], account: string, region: string): string {
  return `This creates ECR repositories (${repositories.join(', ')}) in AWS account ${account} (${region}); storage is billed to that account; \`containerlings aws cleanup --aws real\` deletes them. Continue?`;
}

/** How to ask on a terminal: the account the question names, and the yes/no prompt. */
export interface BillingPrompt {
  account(): Promise<string>;
  confirm(question: string): Promise<boolean>;
}

/** Resolves when running these exercises' scripts may go ahead; throws a UserError when it may not. */
export type BillingConsent = (exercises: readonly Exercise[]) => Promise<void>;

/**
 * `yes` (--yes) accepts without asking; without it, `prompt` asks once per process and the answer is kept
 * (the TUI asks before it mounts, and never again inside it); with no prompt (no terminal) it refuses.
 */
export function billingConsent(yes: boolean, prompt?: BillingPrompt, env: NodeJS.ProcessEnv = process.env): BillingConsent {
  let answer: Promise<boolean> | undefined;
  return async (exercises) => {
    const repositories = billableRepositories(exercises, env);
    if (repositories.length === 0 || yes) return;
    const region = awsRegion(env);
    const names = repositories.join(', ');
    if (!prompt) {
      throw new UserError(
        `In real AWS mode this creates ECR repositories in your AWS account (${region}): ${names}. Their storage is billed to that account, and there is no terminal to confirm in, so nothing was created.`,
        'Re-run with `--yes` to accept (`containerlings aws cleanup --aws real` deletes them afterwards), or leave out `--aws real` to use the local ECR endpoint.',
        'usage',
      );
    }
    answer ??= prompt.account().then((account) => prompt.confirm(billingQuestion(repositories, account, region)));
    if (!(await answer)) throw new UserError(`Nothing was created: you declined creating ${names} in your AWS account.`, 'Leave out `--aws real` to use the local ECR endpoint, or run again and accept.', 'usage');
  };
}
