// A Dockerfile as the linter sees it: instructions with their stage, line and argument text (dockerfile-ast).
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

/** Parses Dockerfile text; dockerfile-ast is imported on first use (commands that never lint never load it). */
export async function parseForLint(text: string): Promise<LintModel> {
  // dockerfile-ast is CommonJS: depending on the loader its exports arrive named or under default.
  const mod = (await import('dockerfile-ast')) as typeof import('dockerfile-ast') & {
    default?: typeof import('dockerfile-ast');
  };
  const DockerfileParser = mod.DockerfileParser ?? mod.default!.DockerfileParser;
  let stage = -1;
  const stageNames: string[] = [];
  const instructions = DockerfileParser.parse(text)
    .getInstructions()
    .map((i): LintInstruction => {
      const keyword = i.getKeyword().toUpperCase();
      if (keyword === 'FROM') stage += 1;
      const values = i.getArguments().map((a) => a.getValue());
      const flags = values.filter((v) => v.startsWith('--'));
      const args = values.filter((v) => !v.startsWith('--'));
      if (keyword === 'FROM' && args[1]?.toLowerCase() === 'as' && args[2]) stageNames.push(args[2].toLowerCase());
      const text = (i.getArgumentsContent() ?? '').replace(/\\\r?\n/g, ' ');
      return { keyword, args, flags, text, line: i.getRange().start.line + 1, stage };
    });
  return { instructions, stageNames, stages: stage + 1 };
}
