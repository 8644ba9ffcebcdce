// Generated result bundles for report tests and the grading bench: N students with varied outcomes, sealed
// with real manifests and the real check-code hashes of the shipped exercises.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sealBundle, type Bundle } from '../../src/grading/bundle.js';
import { sha256 } from '../../src/grading/hash.js';
import type { ExerciseResult, ResultsDocument } from '../../src/grading/results.js';
import { summarise } from '../../src/grading/results.js';
import { ROOT } from './cli.js';

export const EXERCISES = ['first-image', 'layers', 'run-flags', 'adder'];
export const checkHashes = (): Record<string, string> =>
  Object.fromEntries(EXERCISES.map((id) => [id, sha256(readFileSync(join(ROOT, 'exercises', id, 'check.ts')))]));

/** Student i fails exercise j when (i + j) % (j + 2) == 0: the exercises get different, known pass rates. */
export function generatedBundle(i: number, hashes = checkHashes()): Bundle {
  const results: ExerciseResult[] = EXERCISES.map((exercise, j) => {
    const pass = (i + j) % (j + 2) !== 0;
    const id = `sha256:${(i * 16 + j).toString(16).padStart(64, '0')}`;
    return {
      exercise,
      lesson: 'dockerfiles-and-images',
      title: exercise,
      outcome: pass ? 'pass' : 'fail',
      message: pass ? 'It works.' : 'Not yet.',
      startedAt: '2030-01-01T09:00:00.000Z',
      checkedAt: '2030-01-01T10:00:00.000Z',
      durationMs: 100 + j,
      evidence: { image: id.slice(7, 19) },
      images: [
        {
          ref: `containerlings/${exercise}`,
          id,
          sizeBytes: 1000 + i,
          created: '2030-01-01T09:30:00.000Z',
          repoDigests: [],
        },
      ],
      checkHash: hashes[exercise],
    };
  });
  const doc: ResultsDocument = {
    format: 'containerlings-results',
    version: 1,
    containerlings: 'dev',
    workspaceId: `ws-s${i}`,
    engine: { endpoint: 'unix:///var/run/docker.sock' },
    startedAt: '2030-01-01T10:00:00.000Z',
    finishedAt: '2030-01-01T10:00:01.000Z',
    durationMs: 1000,
    summary: summarise(results),
    results,
  };
  return sealBundle({
    format: 'containerlings-bundle',
    version: 1,
    student: `student-${String(i).padStart(2, '0')}`,
    createdAt: '2030-01-01T10:00:02.000Z',
    results: doc,
    pushed: [],
    files: [{ path: 'first-image/Dockerfile', content: `FROM containerlings/busybox\nCMD ["echo", "hi ${i}"]\n` }],
  });
}
