// Runs hadolint when it is installed, and turns its JSON into findings labelled with its own rule codes.
import { execFile } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { accessSync, constants } from 'node:fs';
import type { LintFinding } from '../kit/api.js';

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
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(bin, ['--no-fail', '--format', 'json', file], { timeout: 30_000 }, (error, out) => {
      if (error && !out) reject(error);
      else resolve(out);
    }),
  );
  return hadolintFindings(stdout);
}
