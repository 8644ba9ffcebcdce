// Real vulnerability scanners, when one is installed: grype, trivy or docker scout, each with a gate that
// fails on HIGH or CRITICAL findings. Without one, only the offline audit runs (it knows no CVEs).
import { onPath } from '../lint/hadolint.js';
import { run } from '../../sandbox/process.js';

export interface ScannerRun {
  readonly scanner: 'grype' | 'trivy' | 'docker scout';
  readonly command: string;
  /** The gate: true when the scanner found nothing HIGH or CRITICAL. */
  readonly passed: boolean;
  readonly exitCode: number;
  readonly output: string;
}

interface Scanner {
  readonly name: ScannerRun['scanner'];
  readonly argv: (image: string) => string[];
  readonly present: () => Promise<boolean>;
}

/** A scanner's exit code (2 when it ended without one: a timeout or a signal) and its output. */
async function scan(file: string, args: string[], timeoutMs: number): Promise<{ exitCode: number; output: string }> {
  const ran = await run([file, ...args], { timeoutMs });
  return { exitCode: ran.code ?? 2, output: `${ran.stdout}${ran.stderr}` };
}

export const SCANNERS: readonly Scanner[] = [
  {
    name: 'grype',
    argv: (image) => ['grype', `docker:${image}`, '--fail-on', 'high'],
    present: async () => Boolean(onPath('grype')),
  },
  {
    name: 'trivy',
    // Only the engine's own copy: without --image-src, trivy falls back to pulling the name from a registry.
    argv: (image) => [
      'trivy',
      'image',
      '--image-src',
      'docker',
      '--exit-code',
      '1',
      '--severity',
      'HIGH,CRITICAL',
      image,
    ],
    present: async () => Boolean(onPath('trivy')),
  },
  {
    name: 'docker scout',
    argv: (image) => ['docker', 'scout', 'cves', '--exit-code', '--only-severity', 'critical,high', `local://${image}`],
    present: async () =>
      Boolean(onPath('docker')) && (await scan('docker', ['scout', 'version'], 10_000)).exitCode === 0,
  },
];

/** Runs the first installed scanner with its fail-on-high gate; undefined when none is installed. */
export async function scanImage(image: string): Promise<ScannerRun | undefined> {
  for (const s of SCANNERS) {
    if (!(await s.present())) continue;
    const [file, ...args] = s.argv(image);
    const result = await scan(file, args, 10 * 60_000);
    return {
      scanner: s.name,
      command: [file, ...args].join(' '),
      passed: result.exitCode === 0,
      exitCode: result.exitCode,
      output: result.output,
    };
  }
  return undefined;
}
