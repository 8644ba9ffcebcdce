// Lints a Dockerfile: containerlings' own rules, plus hadolint's findings when it is installed.
import { readTextIfExists } from '../kit/files.js';
import type { LintFinding, LintReport } from '../kit/api.js';
import { runHadolint } from './hadolint.js';
import { parseForLint } from './scan.js';
import { applyRules } from './rules.js';

export async function lintText(text: string): Promise<LintFinding[]> {
  return applyRules(await parseForLint(text));
}

/** undefined when the file does not exist. */
export async function lintFile(path: string, options: { hadolint?: boolean } = {}): Promise<LintReport | undefined> {
  const text = await readTextIfExists(path);
  if (text === undefined) return undefined;
  const findings = await lintText(text);
  const hadolint = options.hadolint === false ? undefined : await runHadolint(path);
  return { file: path, findings, ...(hadolint ? { hadolint } : {}) };
}

/** True when any finding (ours or hadolint's) is an error: `containerlings lint` then exits 1. */
export function hasErrors(report: LintReport): boolean {
  return [...report.findings, ...(report.hadolint ?? [])].some((f) => f.severity === 'error');
}
