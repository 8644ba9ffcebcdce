// The class report: bundles merged into students × exercises, each result marked verified or self-reported,
// and each bundle flagged when its hashes, its check code or its pushed images do not add up.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Outcome } from '../checks/kit/api.js';
import { BUNDLE_FORMAT, integrityProblems, type Bundle } from './bundle.js';
import type { VerificationRecord } from './verification.js';

export type Trust = 'verified' | 'self-reported' | 'contradicted';

export interface Cell {
  readonly outcome: Outcome | 'missing';
  readonly trust: Trust;
  readonly durationMs?: number;
  readonly note?: string;
}

export interface StudentRow {
  readonly student: string;
  readonly file: string;
  readonly cells: Readonly<Record<string, Cell>>;
  readonly passed: number;
  readonly verified: number;
  readonly flags: readonly string[];
}

export interface ClassReport {
  readonly exercises: readonly string[];
  readonly students: readonly StudentRow[];
  /** Per exercise: share of students who passed (0..1), and how many of those passes are verified. */
  readonly passRate: Readonly<
    Record<string, { readonly passed: number; readonly verified: number; readonly rate: number }>
  >;
  readonly unreadable: readonly { readonly file: string; readonly reason: string }[];
}

export async function loadBundles(
  dir: string,
): Promise<{ bundles: { file: string; bundle: Bundle }[]; unreadable: { file: string; reason: string }[] }> {
  const bundles: { file: string; bundle: Bundle }[] = [];
  const unreadable: { file: string; reason: string }[] = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.json')).sort()) {
    let data: Bundle;
    try {
      data = JSON.parse(await readFile(join(dir, file), 'utf8'));
    } catch (e) {
      unreadable.push({ file, reason: `not JSON (${(e as Error).message})` });
      continue;
    }
    if (data?.format !== BUNDLE_FORMAT) continue; // verification.json, notes...
    if (data.version !== 1 || !data.results?.results || !data.manifest)
      unreadable.push({ file, reason: 'not a version 1 bundle' });
    else bundles.push({ file, bundle: data });
  }
  return { bundles, unreadable };
}

export function buildReport(
  loaded: {
    bundles: readonly { file: string; bundle: Bundle }[];
    unreadable: readonly { file: string; reason: string }[];
  },
  checkHashes: Readonly<Record<string, string>>,
  verification?: VerificationRecord,
): ClassReport {
  const exercises = Object.keys(checkHashes);
  // The same image id handed in by two students is worth a look: one may have copied the other's work.
  const owners = new Map<string, Set<string>>();
  for (const { bundle } of loaded.bundles)
    for (const r of bundle.results.results)
      for (const i of r.images ?? []) owners.set(i.id, (owners.get(i.id) ?? new Set()).add(bundle.student));
  const students = loaded.bundles.map(({ file, bundle }) => {
    const flags = integrityProblems(bundle).map((p) => `tampered: ${p}`);
    const cells: Record<string, Cell> = {};
    for (const id of exercises) {
      const r = bundle.results.results.find((x) => x.exercise === id);
      if (!r) {
        cells[id] = { outcome: 'missing', trust: 'self-reported' };
        continue;
      }
      if (r.checkHash !== checkHashes[id])
        flags.push(`${id}: judged by different check code (${r.checkHash.slice(7, 19)})`);
      const shared = (r.images ?? []).flatMap((i) => [...(owners.get(i.id) ?? [])].filter((s) => s !== bundle.student));
      if (r.outcome === 'pass' && shared.length) flags.push(`${id}: same image as ${[...new Set(shared)].join(', ')}`);
      const v = verification?.results.find((x) => x.bundleDigest === bundle.manifest.digest && x.exercise === id);
      let trust: Trust = 'self-reported';
      let note: string | undefined;
      if (v && v.problems.length === 0 && v.outcome === r.outcome) trust = 'verified';
      else if (v) {
        trust = 'contradicted';
        note = v.problems.length ? v.problems.join('; ') : `re-checked: ${v.outcome} (${v.message})`;
        flags.push(
          `${id}: verify says ${v.outcome}${v.problems.length ? ` (${v.problems.join('; ')})` : ''}, the bundle says ${r.outcome}`,
        );
      }
      cells[id] = { outcome: r.outcome, trust, durationMs: r.durationMs, ...(note ? { note } : {}) };
    }
    const values = Object.values(cells);
    return {
      student: bundle.student,
      file,
      cells,
      flags,
      passed: values.filter((c) => c.outcome === 'pass').length,
      verified: values.filter((c) => c.outcome === 'pass' && c.trust === 'verified').length,
    };
  });
  const passRate: ClassReport['passRate'] = Object.fromEntries(
    exercises.map((id) => {
      const passed = students.filter((s) => s.cells[id].outcome === 'pass').length;
      const verified = students.filter(
        (s) => s.cells[id].outcome === 'pass' && s.cells[id].trust === 'verified',
      ).length;
      return [id, { passed, verified, rate: students.length ? passed / students.length : 0 }];
    }),
  );
  return { exercises, students, passRate, unreadable: loaded.unreadable };
}
