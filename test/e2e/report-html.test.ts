// The class report's HTML page, rendered by a real browser (headless Chromium): its content as the browser
// parsed it, and its chart as drawn, read back from a screenshot kept in test-artifacts/report.png.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { generatedBundle } from '../support/bundles.js';
import { ROOT, runCli, tempDir } from '../support/cli.js';
import { readPng } from '../support/png.js';

const dir = tempDir('containerlings-report-');
const html = join(dir, 'report.html');
const ARTIFACTS = join(ROOT, 'test-artifacts');

function chromium(...args: string[]) {
  const run = spawnSync('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.error)
    throw new Error(
      `These tests need Chromium (Debian: apt-get install chromium; .ci/run installs it): ${run.error.message}`,
    );
  return run;
}

beforeAll(async () => {
  for (let i = 0; i < 8; i++)
    writeFileSync(join(dir, `s${i}.containerlings-bundle.json`), JSON.stringify(generatedBundle(i)));
  // One student edits a result after submitting it.
  const tampered = generatedBundle(8);
  (tampered.results.results[0] as { outcome: string }).outcome =
    tampered.results.results[0].outcome === 'pass' ? 'fail' : 'pass';
  writeFileSync(join(dir, 's8.containerlings-bundle.json'), JSON.stringify(tampered));
  const run = await runCli(['report', dir, '--html', html, '--csv', join(dir, 'report.csv')], {
    env: { CONTAINERLINGS_WORKSHOP: '' },
  });
  expect(run.code, run.stderr).toBe(1); // flagged: the tampered bundle
  expect(run.stdout).toMatch(
    /student-08 \(s8\.containerlings-bundle\.json\): tampered: results does not match its hash/,
  );
});

it('is one self-contained page: no scripts, no external files', () => {
  const page = readFileSync(html, 'utf8');
  expect(page).not.toMatch(/<script|<link|src=|url\(/i);
});

it('renders in Chromium with the students, the pass rates and the flags', () => {
  const dom = chromium('--dump-dom', pathToFileURL(html).href);
  expect(dom.status, dom.stderr).toBe(0);
  const text = dom.stdout;
  expect(text).toContain('<h1>containerlings class report</h1>');
  for (let i = 0; i < 9; i++) expect(text).toContain(`data-student="student-0${i}"`);
  // See generatedBundle: first-image fails for even i (but student 8's edit makes it a pass), layers for 2, 5, 8.
  expect(text).toMatch(/first-image<\/text>.*?56% \(5\/9, 0 verified\)/s);
  expect(text).toMatch(/layers<\/text>.*?67% \(6\/9, 0 verified\)/s);
  expect(text).toMatch(/run-flags<\/text>.*?78% \(7\/9, 0 verified\)/s);
  expect(text).toMatch(/<li><b>student-08<\/b>: tampered: results does not match its hash<\/li>/);
});

it('draws the chart: a screenshot shows pass-rate bars of the right length', () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const shot = join(ARTIFACTS, 'report.png');
  const run = chromium('--window-size=1100,900', `--screenshot=${shot}`, pathToFileURL(html).href);
  expect(run.status, run.stderr).toBe(0);
  const png = readPng(readFileSync(shot));
  expect([png.width, png.height]).toEqual([1100, 900]);
  // Each bar row: light green (#7cc48d) from the bar's start for rate × 360 px, then the grey track (#eef0f4).
  const isBar = ([r, g, b]: number[]) => Math.abs(r - 0x7c) < 12 && Math.abs(g - 0xc4) < 12 && Math.abs(b - 0x8d) < 12;
  const rows: number[] = [];
  for (let y = 0; y < png.height; y++) {
    let run = 0;
    for (let x = 0; x < png.width; x++) if (isBar(png.pixel(x, y))) run++;
    if (run > 0) rows.push(run);
  }
  const widths = [...new Set(rows)].sort((a, b) => a - b);
  // 5/9, 6/9 and 7/9 of 360 px, each within a pixel or two.
  for (const expected of [200, 240, 280])
    expect(
      widths.some((w) => Math.abs(w - expected) <= 2),
      `bar widths ${widths}`,
    ).toBe(true);
});
