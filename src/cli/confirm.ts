// Yes/no questions on the terminal (@inquirer/prompts, loaded only when a question is asked).
import { billingConsent, type BillingConsent } from '../sandbox/aws/billing.js';
import type { Invocation } from './args.js';

/** Asks; Ctrl-C at the prompt means no. */
export async function confirmed(question: string): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts');
  return confirm({ message: question, default: false }).catch(() => false);
}

/** Real AWS mode's consent before billable scripts run: --yes, a question on a terminal, else a refusal. */
export function billingConsentFor(inv: Invocation): BillingConsent {
  const terminal = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const prompt = { account: async () => (await (await import('./commands/aws.js')).callerIdentity()).account, confirm: confirmed };
  return billingConsent(inv.yes, terminal ? prompt : undefined);
}
