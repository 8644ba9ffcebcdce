// The class report: bundles merged into students × exercises, each result marked verified or self-reported,
// and each bundle flagged when its hashes, its check code or its pushed images do not add up.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Outcome } from '../checks/kit/api.js';
import { BUNDLE_FORMAT, BUNDLE_SUFFIX, integrityProblems, type Bundle } from './bundle.js';
import { VERIFICATION_FILE, type VerificationRecord } from './verification.js';

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

/** A bundle or verification.json larger than this is not read (submit caps the files it packs at 1 MiB). */
const MAX_BYTES = 16 * 1024 * 1024;

type Unreadable = { file: string; reason: string };

/** Reads DIR's *.json files that are (or claim to be) bundles or verify's record; only regular files, size-capped. */
async function readJsonFiles(
  dir: string,
): Promise<{ texts: { file: string; text: string }[]; unreadable: Unreadable[] }> {
  const texts: { file: string; text: string }[] = [];
  const unreadable: Unreadable[] = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.json')).sort()) {
    try {
      // stat follows symlinks: a FIFO or a device named *.json would block or never end; a folder cannot be read.
      const info = await stat(join(dir, file));
      if (!info.isFile()) unreadable.push({ file, reason: 'not a regular file' });
      else if (info.size > MAX_BYTES) unreadable.push({ file, reason: `larger than ${MAX_BYTES / 1024 / 1024} MiB` });
      else texts.push({ file, text: await readFile(join(dir, file), 'utf8') });
    } catch (e) {
      unreadable.push({
        file,
        reason: `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      });
    }
  }
  return { texts, unreadable };
}

/**
 * Sorts parsed files into valid bundles and flagged ones: a file that does not parse, or that is (or is named as) a
 * bundle or verification.json but does not match its schema, is flagged with the field at fault. Other JSON is left
 * alone (notes, a workshop file).
 */
export async function admitBundles(files: readonly { file: string; text: string }[]): Promise<LoadedBundles> {
  const { checkBundle, checkVerification } = await import('./bundle-schema.js');
  const bundles: { file: string; bundle: Bundle }[] = [];
  const unreadable: Unreadable[] = [];
  for (const { file, text } of files) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      unreadable.push({ file, reason: `not JSON (${(e as Error).message.slice(0, 120)})` });
      continue;
    }
    const format = data !== null && typeof data === 'object' ? (data as { format?: unknown }).format : undefined;
    if (file === VERIFICATION_FILE || format === 'containerlings-verification') {
      const checked = checkVerification(data);
      if (!checked.ok) unreadable.push({ file, reason: `not a valid verify record: ${checked.problems.join('; ')}` });
      continue;
    }
    if (format !== BUNDLE_FORMAT && !file.endsWith(BUNDLE_SUFFIX)) continue; // notes, a workshop file...
    const checked = checkBundle(data);
    if (checked.ok) bundles.push({ file, bundle: checked.value });
    else unreadable.push({ file, reason: `not a valid bundle: ${checked.problems.join('; ')}` });
  }
  return { bundles, unreadable };
}

export interface LoadedBundles {
  readonly bundles: { file: string; bundle: Bundle }[];
  readonly unreadable: Unreadable[];
}

/** The valid bundles in DIR, and every file that should have been one (or DIR's verification.json) but is not. */
export async function loadBundles(dir: string): Promise<LoadedBundles> {
  const { texts, unreadable } = await readJsonFiles(dir);
  const admitted = await admitBundles(texts);
  return {
    bundles: admitted.bundles,
    unreadable: [...unreadable, ...admitted.unreadable].sort((a, b) => (a.file < b.file ? -1 : 1)),
  };
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
