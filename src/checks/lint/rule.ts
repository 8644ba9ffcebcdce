// What a lint rule is (a pure function from a parsed Dockerfile to findings), and the pieces both rule sets build
// their findings from.
import type { LintFinding } from '../kit/api.js';
import type { LintInstruction, LintModel } from './model.js';

export type Rule = (model: LintModel) => LintFinding[];

export const runs = (model: LintModel) => model.instructions.filter((i) => i.keyword === 'RUN');

/** A finding of a rule that hadolint also checks, under its code. */
export const finding = (
  i: LintInstruction,
  rule: string,
  hadolint: string,
  severity: LintFinding['severity'],
  message: string,
  fix: string,
): LintFinding => ({ rule, hadolint, severity, line: i.line, message, fix });
