// `npm run bench:grading`: how long `containerlings report` takes on 30 generated bundles (target: under 1 s),
// and, with --selftest, the workshop self-test one exercise at a time against two at a time.
// A report, not a test: it prints medians and exits 0.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatedBundle } from '../test/support/bundles.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'cli.js');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const t0 = performance.now();
  try {
    execFileSync(process.execPath, [CLI, ...args], { stdio: 'ignore', env: { ...process.env, ...env } });
  } catch {
    /* report exits 1 when a bundle is flagged; selftest may too: only the time matters */
  }
  return performance.now() - t0;
};

const dir = mkdtempSync(join(tmpdir(), 'containerlings-bench-bundles-'));
for (let i = 0; i < 30; i++)
  writeFileSync(join(dir, `s${i}.containerlings-bundle.json`), JSON.stringify(generatedBundle(i)));
const html = join(dir, 'report.html');
const runs = Array.from({ length: 7 }, () =>
  time(['report', dir, '--html', html, '--csv', join(dir, 'report.csv')], { CONTAINERLINGS_WORKSHOP: '' }),
);
const floor = Array.from({ length: 7 }, () => time(['--version']));
process.stdout.write(
  `report, 30 bundles (table + CSV + HTML): median ${median(runs).toFixed(0)} ms (target < 1000 ms; ` +
    `\`containerlings --version\` floor ${median(floor).toFixed(0)} ms)\n`,
);

if (process.argv.includes('--selftest')) {
  const workshop = join(dir, 'workshop.yaml');
  writeFileSync(workshop, 'version: 1\ntitle: Bench\nlessons: [dockerfiles-and-images]\n');
  const one = time(['selftest', '--workshop', workshop, '--json'], { CONTAINERLINGS_SELFTEST_JOBS: '1' });
  const two = time(['selftest', '--workshop', workshop, '--json'], { CONTAINERLINGS_SELFTEST_JOBS: '2' });
  process.stdout.write(
    `selftest --workshop (dockerfiles-and-images), ${availableParallelism()} cores: ` +
      `1 at a time ${(one / 1000).toFixed(1)} s, 2 at a time ${(two / 1000).toFixed(1)} s, speed-up ${(one / two).toFixed(2)}×\n`,
  );
}
