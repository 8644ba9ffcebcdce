// `containerlings lint [path] [--json]`: the lean-images rules on a Dockerfile, plus hadolint when installed.
// Exit 1 when a finding is an error (warnings alone pass), 2 when there is no Dockerfile.
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LintFinding } from '../../../checks/kit/api.js';
import { hasErrors, lintFile } from '../../../checks/lint/lint.js';
import { UserError } from '../../../errors.js';
import type { Invocation } from '../../args.js';
import { FINDING } from '../../../outcome-theme.js';
import { EXIT, marked, paint, printJson } from '../../output.js';

const formatFinding = (f: LintFinding) =>
  [
    `  ${paint('dim', `line ${f.line}`)}  ${f.severity === 'error' ? paint('red', 'error') : paint('yellow', 'warning')}  ` +
      `${paint('bold', f.rule)}: ${f.message}`,
    `      ${paint('blue', 'Fix:')} ${f.fix}`,
  ].join('\n');

/** Per rule, the first few findings: a generated or huge Dockerfile stays readable (--json lists them all). */
const SHOWN_PER_RULE = 20;

function formatFindings(findings: readonly LintFinding[]): string[] {
  if (!findings.length) return ['  no findings'];
  const shown = new Map<string, number>();
  const lines: string[] = [];
  for (const f of findings) {
    const count = (shown.get(f.rule) ?? 0) + 1;
    shown.set(f.rule, count);
    if (count <= SHOWN_PER_RULE) lines.push(formatFinding(f));
  }
  for (const [rule, count] of shown)
    if (count > SHOWN_PER_RULE)
      lines.push(paint('dim', `  ... and ${count - SHOWN_PER_RULE} more ${rule} findings (--json lists every one)`));
  return lines;
}

export default async function lint(inv: Invocation): Promise<number> {
  const given = resolve(inv.positionals[0] ?? '.');
  let isDir = false;
  try {
    isDir = statSync(given).isDirectory();
  } catch {
    /* a missing path is reported below */
  }
  const file = isDir ? join(given, 'Dockerfile') : given;
  const report = await lintFile(file);
  if (!report)
    throw new UserError(
      `There is no Dockerfile at ${file}.`,
      'Pass the Dockerfile (or its folder): containerlings lint path/to/Dockerfile',
      'usage',
    );
  const failed = hasErrors(report);
  if (inv.json) {
    printJson({ ...report, hadolintInstalled: report.hadolint !== undefined, outcome: failed ? 'fail' : 'pass' });
    return failed ? EXIT.fail : EXIT.pass;
  }
  const lines = [paint('bold', `containerlings rules: ${report.file}`)];
  lines.push(...formatFindings(report.findings));
  if (report.hadolint) {
    lines.push('', paint('bold', 'hadolint (installed, run on the same file):'));
    lines.push(...formatFindings(report.hadolint));
  } else {
    lines.push(
      '',
      paint(
        'dim',
        "hadolint is not installed: only containerlings' rules ran (install it for many more rules, and ShellCheck on RUN lines).",
      ),
    );
  }
  const errors = [...report.findings, ...(report.hadolint ?? [])].filter((f) => f.severity === 'error').length;
  lines.push(
    '',
    failed ? marked(FINDING.fail, `${errors} error${errors === 1 ? '' : 's'}`) : marked(FINDING.ok, 'no errors'),
  );
  process.stdout.write(lines.join('\n') + '\n');
  return failed ? EXIT.fail : EXIT.pass;
}
