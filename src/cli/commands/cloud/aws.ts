// `containerlings aws whoami|cleanup`: real AWS mode's identity, and removing exactly what containerlings created
// (ECR repositories; ECS tasks, task definitions and clusters).
import { UserError } from '../../../errors.js';
import { callerIdentity } from '../../../sandbox/aws/identity.js';
import { awsMode, awsRegion } from '../../../sandbox/services/sandbox-env.js';
import type { Invocation } from '../../args.js';
import { confirmed } from '../../confirm.js';
import { maybeTutor } from '../../context.js';
import { FINDING } from '../../../outcome-theme.js';
import { EXIT, mark, printJson } from '../../output.js';

const needsReal = () =>
  new UserError(
    'This talks to your AWS account, and containerlings is in local mode (the local ECR endpoint).',
    'Add `--aws real` (it uses your default credentials and AWS_REGION).',
    'usage',
  );

export default async function aws(inv: Invocation, signal?: AbortSignal): Promise<number> {
  const action = inv.positionals[0];
  if (action !== 'whoami' && action !== 'cleanup') {
    throw new UserError(
      '`containerlings aws` needs an action: whoami or cleanup.',
      'For example: `containerlings aws whoami --aws real`.',
      'usage',
    );
  }
  if (awsMode() !== 'real') throw needsReal();
  if (action === 'whoami') {
    const who = await callerIdentity();
    if (inv.json) printJson(who);
    else process.stdout.write(`account ${who.account}\nidentity ${who.arn}\nregion ${who.region}\n`);
    return EXIT.pass;
  }
  // Without --all, only this workspace's resources; either way only ones tagged containerlings=true.
  const tutor = inv.all ? undefined : await maybeTutor(inv);
  if (!inv.all && !tutor)
    throw new UserError(
      'No workspace here, so no workspace id to clean up after.',
      'Use `--all` for everything containerlings created in this account and region.',
      'usage',
    );
  const workspaceId = tutor?.workspace.id;
  const [{ ownedRepositories, deleteOwned }, ecsCleanup, { realEcsClients }] = await Promise.all([
    import('../../../sandbox/aws/real-cleanup.js'),
    import('../../../sandbox/aws/ecs-cleanup.js'),
    import('../../../sandbox/aws/ecs-client.js'),
  ]);
  const owned = await ownedRepositories(undefined, workspaceId);
  const { ecs } = await realEcsClients();
  // A learner who only did the ECR lessons may have no ECS permissions: then the repositories are still cleaned.
  const ecsOwned = await ecsCleanup.ownedEcsResources(ecs, workspaceId).catch((e: unknown) => {
    const note = ecsCleanup.ecsUnavailable(e);
    if (!note) throw e;
    process.stderr.write(`ECS resources were not looked for: ${note.message}\n`);
    return { tasks: [], taskDefinitions: [], clusters: [] };
  });
  if (owned.length === 0 && ecsCleanup.ownsNothing(ecsOwned)) {
    if (inv.json) printJson({ deleted: [], stopped: [], deregistered: [], deletedClusters: [] });
    else process.stdout.write('Nothing of ours in this account and region.\n');
    return EXIT.pass;
  }
  const listing = [
    owned.length ? `ECR repositories and their images: ${owned.map((r) => r.name).join(', ')}` : '',
    ecsOwned.tasks.length ? `ECS tasks to stop: ${ecsOwned.tasks.map((t) => t.arn).join(', ')}` : '',
    ecsOwned.taskDefinitions.length ? `task definitions to deregister: ${ecsOwned.taskDefinitions.join(', ')}` : '',
    ecsOwned.clusters.length
      ? `ECS clusters (deleted once empty): ${ecsOwned.clusters.map((c) => c.name).join(', ')}`
      : '',
  ].filter(Boolean);
  if (!inv.yes) {
    if (!process.stdin.isTTY)
      throw new UserError(
        `This would remove ${listing.join('; ')}, and there is no terminal to confirm in.`,
        'Run it again with `--yes`.',
        'usage',
      );
    process.stdout.write(listing.map((l) => `  ${l}\n`).join(''));
    if (!(await confirmed(`Remove these (${awsRegion()})?`))) {
      process.stdout.write('Nothing was deleted.\n');
      return EXIT.pass;
    }
  }
  const deleted = await deleteOwned(owned);
  const removed = await ecsCleanup.removeOwnedEcs(ecs, ecsOwned, signal);
  if (inv.json) printJson({ deleted, ...removed });
  else {
    const done = (what: string) => process.stdout.write(`${mark(FINDING.ok)} ${what}\n`);
    for (const name of deleted) done(`deleted ${name}`);
    for (const arn of removed.stopped) done(`stopped ${arn}`);
    for (const arn of removed.deregistered) done(`deregistered ${arn}`);
    for (const name of removed.deletedClusters) done(`deleted cluster ${name}`);
    for (const kept of removed.keptClusters)
      process.stdout.write(`${mark(FINDING.warn)} kept cluster ${kept.name}: ${kept.reason}\n`);
  }
  return EXIT.pass;
}
