// What every member of the kit is bound to: one engine, one workspace, one exercise folder and attempt.
import type { Engine } from '../../sandbox/engine/connection.js';
import type { ImageBaseline } from './image-baseline.js';

export interface KitContext {
  readonly engine: Engine;
  readonly workspaceId: string;
  readonly dir: string;
  readonly startedAt: Date;
  /** The declared image names' ids at the start; undefined for a progress file written before baselines. */
  readonly baseline?: ImageBaseline;
  readonly signal: AbortSignal;
  /**
   * The Swarm services the exercise declares (reset removes them). When given, the kit refuses to start a service
   * by another name (a task definition's family), which no reset would remove.
   */
  readonly declaredServices?: readonly string[];
}
