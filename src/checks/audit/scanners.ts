// Real vulnerability scanners, when one is installed: grype, trivy or docker scout, each with a gate that
// fails on HIGH or CRITICAL findings. Without one, only the offline audit runs (it knows no CVEs).
import { execFile } from 'node:child_process';
import { onPath } from '../lint/hadolint.js';

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

const run = (file: string, args: string[], timeoutMs: number) =>
  new Promise<{ exitCode: number; output: string }>((resolve) =>
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({
        exitCode: error ? (typeof error.code === 'number' ? error.code : 2) : 0,
        output: `${stdout}${stderr}`,
      }),
    ),
  );

export const SCANNERS: readonly Scanner[] = [
  {
    name: 'grype',
    argv: (image) => ['grype', `docker:${image}`, '--fail-on', 'high'],
    present: async () => Boolean(onPath('grype')),
  },
  {
    name: 'trivy',
    argv: (image) => ['trivy', 'image', '--exit-code', '1', '--severity', 'HIGH,CRITICAL', image],
    present: async () => Boolean(onPath('trivy')),
  },
  {
    name: 'docker scout',
    argv: (image) => ['docker', 'scout', 'cves', '--exit-code', '--only-severity', 'critical,high', `local://${image}`],
    present: async () =>
      Boolean(onPath('docker')) && (await run('docker', ['scout', 'version'], 10_000)).exitCode === 0,
  },
];

/** Runs the first installed scanner with its fail-on-high gate; undefined when none is installed. */
export async function scanImage(image: string): Promise<ScannerRun | undefined> {
  for (const s of SCANNERS) {
    if (!(await s.present())) continue;
    const [file, ...args] = s.argv(image);
    const result = await run(file, args, 10 * 60_000);
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
