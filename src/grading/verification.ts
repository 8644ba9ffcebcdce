// The record `containerlings verify` leaves next to the bundles (verification.json), and how the report reads it.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Outcome } from '../checks/kit/api.js';

export const VERIFICATION_FILE = 'verification.json';

export interface VerifiedResult {
  /** The bundle's manifest digest: a verification applies only to the bundle it was made for. */
  readonly bundleDigest: string;
  readonly student: string;
  readonly exercise: string;
  /** repo@sha256:... that was pulled and checked. */
  readonly pulled: string;
  readonly outcome: Outcome;
  readonly message: string;
  readonly evidence: Readonly<Record<string, string | number | boolean>>;
  /** Problems that make the re-check untrustworthy or contradict the bundle (another image id, a foreign registry). */
  readonly problems: readonly string[];
  readonly checkHash: string;
  readonly verifiedAt: string;
}

export interface VerificationRecord {
  readonly format: 'containerlings-verification';
  readonly version: 1;
  readonly containerlings: string;
  readonly engine: string;
  readonly results: readonly VerifiedResult[];
}

/** DIR's verification.json when it is valid; undefined otherwise (`loadBundles` flags an invalid one). */
export async function readVerification(dir: string): Promise<VerificationRecord | undefined> {
  try {
    const path = join(dir, VERIFICATION_FILE);
    const info = await stat(path);
    if (!info.isFile() || info.size > 16 * 1024 * 1024) return undefined; // a FIFO would never end
    const checked = (await import('./bundle-schema.js')).checkVerification(JSON.parse(await readFile(path, 'utf8')));
    return checked.ok ? checked.value : undefined;
  } catch {
    return undefined;
  }
}
