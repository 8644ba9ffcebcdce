// Opening the course and workspace for a command, with messages that say what to do when they are missing.
import { existsSync } from 'node:fs';
import { UserError } from '../errors.js';
import { progressPath } from '../progress/store.js';
import { locateWorkspace } from '../progress/workspace.js';
import { Tutor } from '../tutor/tutor.js';
import type { Invocation } from './args.js';
import { billingConsentFor } from './confirm.js';
import { courseInUse, rememberInWorkspace } from './workshop-context.js';

/** Opens the workspace. With `create`, makes it on first use (a learner's first `containerlings` should just work). */
export async function openTutor(inv: Invocation, options: { create?: boolean } = {}): Promise<Tutor> {
  const dir = locateWorkspace(inv.workspace);
  if (!options.create && !existsSync(progressPath(dir))) {
    throw new UserError(
      `No containerlings workspace here (looked in this folder, the folders above it, and ${dir}).`,
      'Create one with `containerlings init`, or pass `--workspace <dir>`.',
      'workspace',
    );
  }
  const used = await courseInUse(inv);
  const tutor = await Tutor.open(dir, {
    create: options.create,
    course: used.course,
    confirmBilling: billingConsentFor(inv),
  });
  await rememberInWorkspace(inv, used, dir);
  return tutor;
}

/** Opens the workspace if there is one; commands such as list work without it. */
export async function maybeTutor(inv: Invocation): Promise<Tutor | undefined> {
  const dir = locateWorkspace(inv.workspace);
  if (!existsSync(progressPath(dir))) return undefined;
  const used = await courseInUse(inv);
  const tutor = await Tutor.open(dir, { course: used.course, confirmBilling: billingConsentFor(inv) });
  await rememberInWorkspace(inv, used, dir);
  return tutor;
}
