// What a whole-course `selftest --json` must show on any engine: no wrong verdict, nothing labelled left, and every
// exercise on disk (or every one of `only`) tried (starter, solution, each wrong attempt) or skipped out loud with its
// reason.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CliResult } from './cli.js';
import { ROOT } from './cli.js';

export function expectWholeCourseProven({ code, stdout, stderr }: CliResult, only?: readonly string[]): void {
  const report = JSON.parse(stdout);
  const bad = report.attempts.filter((a: { ok: boolean }) => !a.ok);
  expect(bad, stderr).toEqual([]);
  expect(code).toBe(0);
  expect(report.leftovers).toEqual({ containers: 0, images: 0, networks: 0, volumes: 0 });
  // Exercises whose lesson this machine cannot do (no Kubernetes cluster) are skipped out loud, with the reason.
  const skipped = new Set(
    (report.skipped ?? []).map(
      (s: { exercise: string; noCluster: boolean }) => (expect(s.noCluster).toBe(true), s.exercise),
    ),
  );
  const ids = only ?? readdirSync(join(ROOT, 'exercises'));
  expect(new Set(report.attempts.map((a: { exercise: string }) => a.exercise))).toEqual(
    new Set(ids.filter((id) => !skipped.has(id))),
  );
  for (const id of ids) {
    if (skipped.has(id)) continue;
    const names = report.attempts
      .filter((a: { exercise: string }) => a.exercise === id)
      .map((a: { attempt: string }) => a.attempt);
    const wrong = readdirSync(join(ROOT, 'exercises', id, 'wrong')).map((w) => `wrong/${w}`);
    expect(names.sort()).toEqual(['solution', 'starter', ...wrong].sort());
    expect(wrong.length).toBeGreaterThanOrEqual(2);
  }
}
