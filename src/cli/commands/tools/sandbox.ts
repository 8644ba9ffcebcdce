// `containerlings sandbox up|prepare|clean|...`: get the sandbox ready (sandbox-up.ts); remove what containerlings created.
import { UserError } from '../../../errors.js';
import { removeLabelled } from '../../../sandbox/cleanup.js';
import { connect } from '../../../sandbox/engine/connection.js';
import type { Invocation } from '../../args.js';
import { maybeTutor } from '../../context.js';
import servicesCommand, { SERVICES_ACTIONS, type ServicesAction } from './sandbox-services.js';
import { EXIT, paint, printJson } from '../../output.js';

export default async function sandbox(inv: Invocation, signal?: AbortSignal): Promise<number> {
  const action = inv.positionals[0];
  // The registry and the ECR endpoint (sandbox-services.ts); `serve-ecr` and `down` need no engine.
  // `up` (alias `prepare`): the base images, then (for `up`) those services, as steps (sandbox-up.ts).
  if (action === 'up' || action === 'prepare') return (await import('./sandbox-up.js')).default(inv, action, signal);
  if (action && SERVICES_ACTIONS.includes(action)) return servicesCommand(inv, action as ServicesAction);
  if (action === 'pack' || action === 'load') return (await import('./sandbox-pack.js')).default(inv, action);
  const engine = await connect();
  if (action === 'clean') {
    // Without --all, only this workspace's resources; with it, every workspace's (base images stay either way).
    const tutor = inv.all ? undefined : await maybeTutor(inv);
    if (!inv.all && !tutor)
      throw new UserError(
        'No workspace here, so nothing to clean.',
        'Use `--all` to remove what any containerlings workspace created.',
        'usage',
      );
    const out = await removeLabelled(engine, tutor?.workspace.id);
    if (inv.json) printJson(out);
    else {
      for (const r of out.removed) process.stdout.write(`removed ${r}\n`);
      for (const k of out.kept) process.stdout.write(paint('yellow', `could not remove ${k}\n`));
      if (!out.removed.length && !out.kept.length) process.stdout.write('Nothing to remove.\n');
    }
    return out.kept.length ? EXIT.error : EXIT.pass;
  }
  throw new UserError(
    `\`containerlings sandbox\` needs an action: up, prepare, clean, down or status.`,
    'For example: `containerlings sandbox up`.',
    'usage',
  );
}
