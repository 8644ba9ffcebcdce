// Bundles, tamper detection and the class report (pure logic, on generated bundles).
import { describe, expect, it } from 'vitest';
import { integrityProblems, sealBundle, type Bundle } from '../../src/grading/bundle.js';
import { buildReport } from '../../src/grading/report-model.js';
import { reportCsv, reportTable } from '../../src/grading/report-text.js';
import { checkHashes, EXERCISES, generatedBundle } from '../support/bundles.js';
import { resultsValidator } from '../support/results-schema.js';

const load = (bundles: Bundle[]) => ({
  bundles: bundles.map((bundle, i) => ({ file: `b${i}.json`, bundle })),
  unreadable: [],
});
const clone = (b: Bundle): Bundle => JSON.parse(JSON.stringify(b));

describe('result bundles', () => {
  it('a bundle as sealed has no integrity problems, and its results match the published schema', () => {
    const bundle = generatedBundle(1);
    expect(integrityProblems(bundle)).toEqual([]);
    const validate = resultsValidator();
    expect(validate(bundle.results), JSON.stringify(validate.errors)).toBe(true);
    // The schema can fail: an outcome outside pass/fail/error is rejected.
    expect(validate({ ...bundle.results, results: [{ ...bundle.results.results[0], outcome: 'passed' }] })).toBe(false);
  });

  it('flags a result edited after submit', () => {
    const bundle = clone(generatedBundle(0));
    (bundle.results.results[0] as { outcome: string }).outcome = 'pass';
    expect(integrityProblems(bundle)).toEqual(['results does not match its hash']);
    const report = buildReport(load([bundle]), checkHashes());
    expect(report.students[0].flags).toContain('tampered: results does not match its hash');
  });

  it('flags a file added, a file dropped, and a re-signed manifest digest', () => {
    const added = clone(generatedBundle(2));
    (added.files as unknown[]).push({ path: 'layers/Dockerfile', content: 'FROM scratch' });
    expect(integrityProblems(added)).toEqual(['files/layers/Dockerfile is not in the manifest']);
    const dropped = clone(generatedBundle(2));
    (dropped.files as unknown[]).length = 0;
    expect(integrityProblems(dropped)).toEqual(['files/first-image/Dockerfile is in the manifest but missing']);
    const renamed = clone(generatedBundle(2));
    (renamed as { student: string }).student = 'someone-else';
    expect(integrityProblems(renamed)).toEqual(['the manifest digest does not match']);
  });

  it('a forger who re-hashes everything passes the manifest, but other check code is still flagged', () => {
    const forged = clone(generatedBundle(0));
    (forged.results.results[0] as { checkHash: string }).checkHash = `sha256:${'f'.repeat(64)}`;
    const { manifest: _, ...rest } = forged;
    const resealed = sealBundle(rest);
    expect(integrityProblems(resealed)).toEqual([]);
    const report = buildReport(load([resealed]), checkHashes());
    expect(report.students[0].flags.join('\n')).toMatch(/first-image: judged by different check code/);
  });
});

describe('class report', () => {
  const bundles = Array.from({ length: 8 }, (_, i) => generatedBundle(i));
  const report = buildReport(load(bundles), checkHashes());

  it('computes pass rates per exercise', () => {
    // (i + j) % (j + 2) == 0 fails: first-image fails for even i, the others for two students each.
    expect(report.passRate['first-image']).toEqual({ passed: 4, verified: 0, rate: 0.5 });
    for (const id of EXERCISES.slice(1)) expect(report.passRate[id]).toEqual({ passed: 6, verified: 0, rate: 0.75 });
    expect(report.students.map((s) => s.passed)).toEqual([3, 4, 0, 4, 3, 3, 2, 3]);
    expect(report.students.every((s) => s.flags.length === 0)).toBe(true);
  });

  it('marks results verified only when verify re-checked the same bundle and agreed', () => {
    const b = bundles[1];
    const entry = {
      bundleDigest: b.manifest.digest,
      student: b.student,
      exercise: 'first-image',
      pulled: 'r/x@sha256:1',
      message: '',
      evidence: {},
      problems: [],
      checkHash: '',
      verifiedAt: '',
    };
    const verification = {
      format: 'containerlings-verification' as const,
      version: 1 as const,
      containerlings: 'dev',
      engine: 'e',
      results: [
        { ...entry, outcome: 'pass' as const },
        { ...entry, exercise: 'layers', outcome: 'fail' as const, message: 'too big' },
      ],
    };
    const r = buildReport(load(bundles), checkHashes(), verification);
    const s = r.students[1];
    expect(s.cells['first-image'].trust).toBe('verified');
    expect(s.cells.layers.trust).toBe('contradicted');
    expect(s.cells.adder.trust).toBe('self-reported');
    expect(s.flags).toEqual(['layers: verify says fail, the bundle says pass']);
    expect(r.passRate['first-image'].verified).toBe(1);
  });

  it('prints a table with totals and writes CSV an LMS can import', () => {
    const table = reportTable(report);
    expect(table).toMatch(/student-03 .*4\/4/);
    expect(table).toMatch(/pass % +50 +75 +75 +75/);
    // Every rate keeps a space before it, 100 included (they used to run together: "50100100").
    const everyonePassed = reportTable({
      ...report,
      passRate: Object.fromEntries(report.exercises.map((id) => [id, { ...report.passRate[id], rate: 1 }])),
    });
    expect(everyonePassed).toMatch(/pass % +100 100 100 100$/m);
    const csv = reportCsv(report).trim().split('\r\n');
    expect(csv[0]).toBe(
      'student,bundle,first-image,first-image trust,layers,layers trust,run-flags,run-flags trust,adder,adder trust,passed,verified,flags',
    );
    expect(csv[1]).toBe(
      'student-00,b0.json,fail,self-reported,pass,self-reported,pass,self-reported,pass,self-reported,3,0,',
    );
    expect(csv).toHaveLength(9);
  });

  it('flags two students handing in the same image', () => {
    const copy = clone(bundles[1]);
    const { manifest: _, ...rest } = { ...copy, student: 'copycat' };
    const r = buildReport(load([bundles[1], sealBundle(rest)]), checkHashes());
    expect(r.students[1].flags.join('\n')).toMatch(/same image as student-01/);
  });
});
