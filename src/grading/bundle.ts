// A student's result bundle: one JSON file with their results, the files of their exercise folders, what they
// pushed for verification, and a manifest of sha256 hashes over all of it. The manifest catches a bundle
// changed after `submit` (by hand, by a script that forgot the hashes, or in transit); it cannot catch a
// student who rewrites the hashes too: that is what `verify` and the check-code hashes are for.
import { hashJson, sha256 } from './hash.js';
import type { ResultsDocument } from './results.js';

export const BUNDLE_FORMAT = 'containerlings-bundle';
export const BUNDLE_SUFFIX = '.containerlings-bundle.json';

export interface BundleFile {
  /** <exercise>/<path inside the exercise folder> */
  readonly path: string;
  readonly content: string;
}

export interface PushedImage {
  readonly exercise: string;
  /** The declared image the check judges (containerlings/hello). */
  readonly image: string;
  /** Its id on the student's engine when pushed. */
  readonly imageId: string;
  /** Where it was pushed: <registry>/<student>/<name>:<exercise>. */
  readonly reference: string;
  /** The manifest digest the registry returned: verify pulls exactly this. */
  readonly digest: string;
}

export interface Manifest {
  readonly algorithm: 'sha256';
  /** results, pushed, and files/<path>: each part's hash. */
  readonly parts: Readonly<Record<string, string>>;
  /** The hash of `parts` (with the student and time), so no part can be added or dropped unnoticed. */
  readonly digest: string;
}

export interface Bundle {
  readonly format: typeof BUNDLE_FORMAT;
  readonly version: 1;
  readonly student: string;
  readonly createdAt: string;
  readonly workshop?: { readonly title: string; readonly registry?: string };
  readonly results: ResultsDocument;
  readonly pushed: readonly PushedImage[];
  readonly files: readonly BundleFile[];
  readonly manifest: Manifest;
}

type Unsigned = Omit<Bundle, 'manifest'>;

function partsOf(bundle: Unsigned): Record<string, string> {
  const parts: Record<string, string> = { results: hashJson(bundle.results), pushed: hashJson(bundle.pushed) };
  for (const f of bundle.files) parts[`files/${f.path}`] = sha256(f.content);
  return parts;
}

const digestOf = (bundle: Unsigned, parts: Record<string, string>) =>
  hashJson({
    format: bundle.format,
    version: bundle.version,
    student: bundle.student,
    createdAt: bundle.createdAt,
    workshop: bundle.workshop ?? null,
    parts,
  });

export function sealBundle(bundle: Unsigned): Bundle {
  const parts = partsOf(bundle);
  return { ...bundle, manifest: { algorithm: 'sha256', parts, digest: digestOf(bundle, parts) } };
}

/** What no longer matches the manifest: an empty list means the bundle is as `submit` wrote it (or re-hashed). */
export function integrityProblems(bundle: Bundle): string[] {
  const problems: string[] = [];
  const parts = partsOf(bundle);
  const listed = bundle.manifest?.parts ?? {};
  for (const [name, hash] of Object.entries(parts)) {
    if (!(name in listed)) problems.push(`${name} is not in the manifest`);
    else if (listed[name] !== hash) problems.push(`${name} does not match its hash`);
  }
  for (const name of Object.keys(listed)) if (!(name in parts)) problems.push(`${name} is in the manifest but missing`);
  if (problems.length === 0 && bundle.manifest.digest !== digestOf(bundle, parts))
    problems.push('the manifest digest does not match');
  return problems;
}

export const studentSlug = (student: string) =>
  student
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'student';
