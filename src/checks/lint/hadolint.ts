// Runs hadolint when it is installed, and turns its JSON into findings labelled with its own rule codes.
import { delimiter, join } from 'node:path';
import { accessSync, constants } from 'node:fs';
import type { LintFinding } from '../kit/api.js';
import { run } from '../../sandbox/process.js';

/** The first executable called `name` on PATH, or undefined. */
export function onPath(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      /* not here */
    }
  }
  return undefined;
}

interface HadolintJson {
  code: string;
  level: string;
  line: number;
  message: string;
}

/** hadolint's levels: error, warning, info, style. Only its errors count as ours. */
export function hadolintFindings(json: string): LintFinding[] {
  const items = JSON.parse(json || '[]') as HadolintJson[];
  return items.map((h) => ({
    rule: h.code,
    severity: h.level === 'error' ? 'error' : 'warning',
    line: h.line,
    message: `${h.message} (hadolint ${h.level})`,
    fix: `See https://github.com/hadolint/hadolint/wiki/${h.code}`,
  }));
}

/** undefined when hadolint is not installed. hadolint exits 1 when it finds something: that is not a failure here. */
export async function runHadolint(file: string): Promise<LintFinding[] | undefined> {
  const bin = onPath('hadolint');
  if (!bin) return undefined;
  const ran = await run([bin, '--no-fail', '--format', 'json', file], {
    timeoutMs: 30_000,
    install: 'Install hadolint (https://github.com/hadolint/hadolint#install), or lint without it.',
  });
  if (ran.code !== 0 && !ran.stdout)
    throw new Error(
      `hadolint failed (${ran.timedOut ? 'timed out' : `exit ${ran.code ?? ran.signal}`}): ${ran.stderr.trim()}`,
    );
  const stdout = ran.stdout;
  return hadolintFindings(stdout);
}
