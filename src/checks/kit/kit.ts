// Builds the CheckKit an exercise's check receives, bound to one engine, workspace and exercise: one member file per
// domain, assembled here. What each member does is documented in api.ts, the checks' manual.
import { UserError } from '../../errors.js';
import type { CheckKit, CheckResult, Evidence } from './api.js';
import { containersKit } from './containers.js';
import type { KitContext } from './context.js';
import { imagesKit } from './images.js';
import { orchestrationKit } from './orchestration.js';
import { pipelineKit } from './pipeline.js';
import { registriesKit } from './registry.js';
import { storageKit } from './storage.js';

export type { KitContext } from './context.js';

export function createKit(ctx: KitContext): CheckKit {
  return {
    ...containersKit(ctx),
    ...imagesKit(ctx),
    ...storageKit(ctx),
    ...registriesKit(),
    ...orchestrationKit(ctx),
    ...pipelineKit(ctx),
  };
}

export function errorResult(e: unknown): CheckResult {
  const evidence: Evidence = {};
  if (e instanceof UserError) return { outcome: 'error', message: e.message, tryNext: e.next, evidence };
  return { outcome: 'error', message: `The check itself failed: ${(e as Error)?.message ?? String(e)}`, evidence };
}
