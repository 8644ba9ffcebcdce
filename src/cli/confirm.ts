// Yes/no questions on the terminal (@inquirer/prompts, loaded only when a question is asked).
import { billingConsent, fargateConsent, type BillingConsent, type BillingPrompt } from '../sandbox/aws/billing.js';
import type { Invocation } from './args.js';

/** Asks; Ctrl-C at the prompt means no. */
export async function confirmed(question: string): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts');
  return confirm({ message: question, default: false }).catch(() => false);
}

/** The terminal's prompt (the account from STS), or none when there is no terminal to ask in. */
function terminalPrompt(): BillingPrompt | undefined {
  if (!process.stdin.isTTY || !process.stdout.isTTY) return undefined;
  return {
    account: async () => (await (await import('../sandbox/aws/identity.js')).callerIdentity()).account,
    confirm: confirmed,
  };
}

/** Real AWS mode's consent before billable scripts run: --yes, a question on a terminal, else a refusal. */
export function billingConsentFor(inv: Invocation): BillingConsent {
  return billingConsent(inv.yes, terminalPrompt());
}

/** The same consent before a task definition runs on Fargate. */
export function fargateConsentFor(inv: Invocation): ReturnType<typeof fargateConsent> {
  return fargateConsent(inv.yes, terminalPrompt());
}
