// The kit's pipeline member, as checks see it (types only).
import type { ImageFacts } from './api.js';

export interface PipelineOptions {
  /** Files of the copy to replace before it is committed (path in the exercise folder → new text). */
  readonly replace?: Readonly<Record<string, string>>;
  /** Seconds before the pipeline is stopped (its output then ends with "stopped after N s"). Default 60. */
  readonly timeout?: number;
}

export interface PipelineRun {
  readonly exitCode: number;
  /** What it printed (stdout and stderr together), at most the last 4000 characters. */
  readonly output: string;
  /** The last six lines of `output`: enough to show a learner why a run failed. */
  readonly lastLines: string;
  readonly timedOut: boolean;
  /** The commit it ran at: a new commit, in a copy, of everything in the exercise folder. */
  readonly commit: string;
  /** Local images the run tagged with the commit or a sandbox registry's name, read before those tags were removed. */
  readonly images: readonly ImageFacts[];
}

export interface PipelineKitMembers {
  /**
   * Runs the learner's pipeline the way a CI system would: in a scratch copy of the exercise folder, at a new
   * commit holding its current files, with the sandbox's environment (docker, the aws wrapper, the registries).
   * The learner's folder and repository are not touched. The local tags the run created with the commit or a
   * sandbox registry in their name are removed afterwards (their facts are in `images`), so checks leave nothing.
   */
  pipeline(command: readonly string[], options?: PipelineOptions): Promise<PipelineRun>;
  /** True when `tag` names `commit`: the full hash, or an abbreviation of at least 7 hex digits. */
  namesCommit(tag: string, commit: string): boolean;
}
