// Hostile bundles against the class report: HTML escaped for its context, CSV cells that a spreadsheet will not run,
// no raw control characters in the terminal table, and, for random bundles, a flagged row or a valid one, never a throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sealBundle, type Bundle } from '../../src/grading/bundle.js';
import { admitBundles, buildReport, type ClassReport } from '../../src/grading/report-model.js';
import { reportHtml } from '../../src/grading/report-html.js';
import { reportCsv, reportTable, visible } from '../../src/grading/report-text.js';
import type { VerificationRecord } from '../../src/grading/verification.js';
import { checkHashes, generatedBundle } from '../support/bundles.js';

type Json = Record<string, unknown>;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
const SCRIPT = '"><script>alert(1)</script><img src=x onerror=alert(2)>\'';
const reseal = (b: Json): Bundle => {
  const { manifest: _ignored, ...rest } = b;
  return sealBundle(rest as unknown as Omit<Bundle, 'manifest'>);
};
const admit = (bundles: unknown[]) =>
  admitBundles(bundles.map((b, i) => ({ file: `b${i}.containerlings-bundle.json`, text: JSON.stringify(b) })));

const CLASSES = [
  'pass',
  'fail',
  'error',
  'missing',
  'verified',
  'self-reported',
  'contradicted',
  'tag',
  'meta',
  'flags',
  'rate',
];

/**
 * No markup the page did not write itself: read as tags with double-quoted attributes, every `<` opens a tag the
 * page uses, no attribute is an event handler, no class name is outside the fixed set, and no script element exists.
 */
function expectInert(html: string) {
  const tag = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*\/?>/g;
  const rest = html.replace(/^<!doctype html>/, '').replace(tag, (_t, _close, name: string, attrs: string) => {
    expect(name.toLowerCase()).not.toBe('script');
    for (const [, attr, value] of attrs.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) {
      expect(attr.toLowerCase()).not.toMatch(/^on/);
      if (attr === 'class') for (const c of value.split(' ')) expect(CLASSES).toContain(c);
    }
    return '';
  });
  expect(rest).not.toContain('<');
  expect(html).not.toMatch(/<script/i);
}

describe('the HTML report escapes for its context', () => {
  it('a hostile bundle with recomputed hashes is flagged, and the page stays inert', async () => {
    const hostile = clone(generatedBundle(2)) as unknown as Json;
    hostile.student = `<script>steal()</script>${SCRIPT}`;
    const results = (hostile.results as Json).results as Json[];
    Object.assign(results[0], { outcome: SCRIPT, message: SCRIPT, evidence: { [SCRIPT]: SCRIPT } });
    const loaded = await admit([generatedBundle(1), reseal(hostile)]);
    expect(loaded.unreadable).toEqual([
      {
        file: 'b1.containerlings-bundle.json',
        reason: expect.stringContaining('results.results[0].outcome: expected one of'),
      },
    ]);
    const html = reportHtml(buildReport(loaded, checkHashes()), { title: SCRIPT });
    expectInert(html);
    expect(html).toContain('&lt;script&gt;');
  });

  it('a valid bundle can still carry hostile text (a name, a verify note): escaped in text and attributes', async () => {
    const named = clone(generatedBundle(1)) as unknown as Json;
    named.student = `${SCRIPT}\u001b]0;owned\u0007`;
    const loaded = await admit([reseal(named)]);
    expect(loaded.unreadable).toEqual([]);
    const bundle = loaded.bundles[0].bundle;
    const verification: VerificationRecord = {
      format: 'containerlings-verification',
      version: 1,
      containerlings: 'dev',
      engine: 'unix:///x',
      results: [
        {
          bundleDigest: bundle.manifest.digest,
          student: bundle.student,
          exercise: 'layers',
          pulled: 'r/x@sha256:1',
          outcome: 'fail',
          message: SCRIPT,
          evidence: {},
          problems: [SCRIPT],
          checkHash: '',
          verifiedAt: '2030-01-01T00:00:00Z',
        },
      ],
    };
    const report = buildReport(loaded, checkHashes(), verification);
    expect(report.students[0].cells.layers).toMatchObject({ trust: 'contradicted', note: SCRIPT });
    const html = reportHtml(report, { title: SCRIPT });
    expectInert(html);
    expect(html).toContain(`title="&quot;&gt;&lt;script&gt;`);
    expect(html).toContain('data-student="&quot;&gt;&lt;script&gt;');
  });

  it('an outcome or trust outside the known set never becomes a class name, even past the model', () => {
    const report: ClassReport = {
      exercises: ['x'],
      students: [
        {
          student: 's',
          file: 'f',
          cells: { x: { outcome: SCRIPT as 'pass', trust: SCRIPT as 'verified' } },
          passed: 0,
          verified: 0,
          flags: [],
        },
      ],
      passRate: { x: { passed: 0, verified: 0, rate: 0 } },
      unreadable: [],
    };
    expectInert(reportHtml(report));
    expect(reportTable(report)).toContain('!');
  });
});

describe('CSV and terminal injection', () => {
  const report = (names: string[], unreadable: { file: string; reason: string }[] = []): ClassReport =>
    buildReport(
      {
        bundles: names.map((student, i) => ({ file: `b${i}.json`, bundle: { ...generatedBundle(i), student } })),
        unreadable,
      },
      checkHashes(),
    );

  it('a cell a spreadsheet would run as a formula starts with a quote', () => {
    const names = ['=HYPERLINK("http://x")', '+1', '-1+2', '@SUM(A1)', '\t=1+1', '\r=1+1', 'plain'];
    const csv = reportCsv(report(names, [{ file: '=evil.json', reason: '-bad' }]));
    const firstCells = csv
      .split('\r\n')
      .slice(1, -1)
      .map((line) => line.split(',')[0]);
    expect(firstCells).toEqual([
      `"'=HYPERLINK(""http://x"")"`,
      "'+1",
      "'-1+2",
      "'@SUM(A1)",
      "'\t=1+1",
      `"'\r=1+1"`,
      'plain',
      '',
    ]);
    expect(csv).toContain(",'=evil.json,");
    expect(csv).toMatch(/,'-bad\r\n$/);
  });

  it('escape sequences in names and reasons reach the terminal as visible text', () => {
    const names = ['\u001b]0;pwned\u0007\u001b[2Jmallory', 'eve\u009b31m\u202e', 'tab\tnew\nline'];
    const table = reportTable(report(names, [{ file: 'x\u001b[31m.json', reason: 'bad\u001b[0m' }]));
    // eslint-disable-next-line no-control-regex
    expect(table).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(table).toContain('\\x1b]0;pwned\\x07\\x1b[2Jmallory');
    expect(table).toContain('eve\\x9b31m\\u202e');
    expect(table).toContain('tab\\x09new\\x0aline');
    expect(table).toContain('⚑ x\\x1b[31m.json: bad\\x1b[0m');
    expect(visible('plain ✓ text')).toBe('plain ✓ text');
  });
});

/** The cells of a CSV text, unquoted (RFC 4180: quoted cells may hold commas, quotes and line breaks). */
function csvCells(text: string): string[][] {
  const rows: string[][] = [[]];
  for (const [, quoted, plain, end] of text.matchAll(/(?:"((?:[^"]|"")*)"|([^,\r\n"]*))(,|\r\n|$)/g)) {
    rows.at(-1)!.push(quoted !== undefined ? quoted.replace(/""/g, '"') : plain);
    if (end === '\r\n') rows.push([]);
    if (end === '') break;
  }
  return rows.filter((r) => r.length > 1);
}

describe('random and hostile bundles through the report', () => {
  const hostileText = fc.oneof(
    fc.string(),
    fc.constantFrom(
      SCRIPT,
      '\u001b[2J',
      '=1+1',
      '\t-2',
      '\r@x',
      '__proto__',
      'constructor',
      'pass',
      '',
      'x'.repeat(500),
    ),
  );
  const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileText);
  const paths: (string | number)[][] = [
    ['student'],
    ['format'],
    ['version'],
    ['workshop'],
    ['results'],
    ['results', 'results'],
    ['results', 'results', 0],
    ['results', 'results', 0, 'outcome'],
    ['results', 'results', 0, 'exercise'],
    ['results', 'results', 0, 'checkHash'],
    ['results', 'results', 0, 'images'],
    ['results', 'results', 0, 'evidence'],
    ['results', 'results', 1, 'message'],
    ['pushed'],
    ['files'],
    ['manifest'],
    ['manifest', 'digest'],
    ['manifest', 'parts'],
  ];
  const mutation = fc.tuple(fc.constantFrom(...paths), value, fc.boolean());
  const bundle = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.nat(20), fc.array(mutation, { maxLength: 3 })) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => [-1, v] as const) },
  );

  function make([seed, change]: readonly [number, unknown]): unknown {
    if (seed < 0) return change;
    const b = clone(generatedBundle(seed)) as unknown as Json;
    let resealed = false;
    for (const [path, v, reseal_] of change as [(string | number)[], unknown, boolean][]) {
      let at: unknown = b;
      for (const key of path.slice(0, -1)) at = at && typeof at === 'object' ? (at as Json)[key] : undefined;
      if (at && typeof at === 'object') (at as Json)[path.at(-1)!] = v;
      resealed ||= reseal_;
    }
    if (!resealed) return b;
    try {
      return reseal(b); // recomputed hashes, as a student who knows the format would
    } catch {
      return b;
    }
  }

  it(
    'never throw: each file is a valid row or a flagged one, and every rendering stays inert',
    { timeout: 60_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(bundle, { minLength: 1, maxLength: 4 }), async (specs) => {
          const docs = specs.map(make);
          const loaded = await admit(docs);
          const report = buildReport(loaded, checkHashes());
          const files = docs.map((_, i) => `b${i}.containerlings-bundle.json`);
          const rows = [...report.students.map((s) => s.file), ...report.unreadable.map((u) => u.file)].sort();
          expect(rows).toEqual(files);
          for (const u of report.unreadable) expect(u.reason).toMatch(/^(not a valid bundle: |not JSON)/);
          expectInert(reportHtml(report, { title: 'x' }));
          // eslint-disable-next-line no-control-regex
          expect(reportTable(report)).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
          for (const cell of csvCells(reportCsv(report)).slice(1).flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        }),
        { numRuns: 200 },
      );
    },
  );
});
