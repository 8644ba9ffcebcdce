// Content hashes for results and bundles: sha256 of bytes, and of JSON written the same way every time.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

export const sha256 = (data: string | Buffer): string => `sha256:${createHash('sha256').update(data).digest('hex')}`;

/** JSON with object keys sorted at every level, so the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

export const hashJson = (value: unknown): string => sha256(canonicalJson(value));

/** The hash of an exercise's check code (its check.ts as written), so a grader can tell which check judged a result. */
export async function checkCodeHash(checkFile: string): Promise<string> {
  return sha256(await readFile(checkFile));
}
