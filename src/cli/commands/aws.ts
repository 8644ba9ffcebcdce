// `containerlings aws whoami|cleanup`: real AWS mode's identity, and deleting exactly what containerlings created.
import { UserError } from '../../errors.js';
import { awsMode, awsRegion } from '../../sandbox/aws/sandbox-env.js';
import type { Invocation } from '../args.js';
import { confirmed } from '../confirm.js';
import { maybeTutor } from '../context.js';
import { EXIT, paint, printJson } from '../output.js';

const needsReal = () =>
  new UserError('This talks to your AWS account, and containerlings is in local mode (the local ECR endpoint).', 'Add `--aws real` (it uses your default credentials and AWS_REGION).', 'usage');

/** The caller's account and ARN (never the keys), through STS. */
export async function callerIdentity(): Promise<{ account: string; arn: string; region: string }> {
  const [{ loadStsSdk }, { explainAwsError }] = await Promise.all([import('../../sandbox/aws/sdk.js'), import('../../sandbox/aws/ecr-client.js')]);
  const { STSClient, GetCallerIdentityCommand } = await loadStsSdk();
  try {
    const out = await new STSClient({ region: awsRegion(), maxAttempts: 2 }).send(new GetCallerIdentityCommand({}));
    return { account: out.Account ?? '?', arn: out.Arn ?? '?', region: awsRegion() };
  } catch (e) {
    throw explainAwsError(e, 'GetCallerIdentity') ?? e;
  }
}

export default async function aws(inv: Invocation): Promise<number> {
  const action = inv.positionals[0];
  if (action !== 'whoami' && action !== 'cleanup') {
    throw new UserError('`containerlings aws` needs an action: whoami or cleanup.', 'For example: `containerlings aws whoami --aws real`.', 'usage');
  }
  if (awsMode() !== 'real') throw needsReal();
  if (action === 'whoami') {
    const who = await callerIdentity();
    if (inv.json) printJson(who);
    else process.stdout.write(`account ${who.account}\nidentity ${who.arn}\nregion ${who.region}\n`);
    return EXIT.pass;
  }
  // Without --all, only this workspace's repositories; either way only ones tagged containerlings=true.
  const tutor = inv.all ? undefined : await maybeTutor(inv);
  if (!inv.all && !tutor) throw new UserError('No workspace here, so no workspace id to clean up after.', 'Use `--all` for every repository containerlings created in this account and region.', 'usage');
  const { ownedRepositories, deleteOwned } = await import('../../sandbox/aws/real-cleanup.js');
  const owned = await ownedRepositories(undefined, tutor?.workspace.id);
  if (owned.length === 0) {
    if (inv.json) printJson({ deleted: [] });
    else process.stdout.write('Nothing of ours in this account and region.\n');
    return EXIT.pass;
  }
  const names = owned.map((r) => r.name).join(', ');
  if (!inv.yes) {
    if (!process.stdin.isTTY) throw new UserError(`This would delete ${names}, and there is no terminal to confirm in.`, 'Run it again with `--yes`.', 'usage');
    if (!(await confirmed(`Delete these ECR repositories and their images (${awsRegion()}): ${names}?`))) {
      process.stdout.write('Nothing was deleted.\n');
      return EXIT.pass;
    }
  }
  const deleted = await deleteOwned(owned);
  if (inv.json) printJson({ deleted });
  else for (const name of deleted) process.stdout.write(`${paint('green', '✔')} deleted ${name}\n`);
  return EXIT.pass;
}
