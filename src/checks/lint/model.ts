// A Dockerfile as the linter sees it: instructions with their stage, line, flags and argument text.

export interface LintInstruction {
  readonly keyword: string;
  /** Arguments without flags (--from=..., --chown=...). */
  readonly args: readonly string[];
  /** Flags such as --from=build, as written. */
  readonly flags: readonly string[];
  /** Everything after the keyword, continuation lines joined. */
  readonly text: string;
  /** 1-based line where the instruction starts. */
  readonly line: number;
  /** 0-based index of the build stage (FROM) it belongs to; -1 before the first FROM (ARG). */
  readonly stage: number;
}

export interface LintModel {
  readonly instructions: readonly LintInstruction[];
  /** Stage names given with FROM ... AS <name>, lowercased. */
  readonly stageNames: readonly string[];
  readonly stages: number;
}
