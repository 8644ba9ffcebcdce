// One outcome theme (src/outcome-theme.ts): one mark per outcome, and the CLI's text, the class report (text and
// HTML) and the TUI's marks all come from it; no other source file spells a check mark of its own.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatResult, outcomeLabel } from '../../src/cli/output.js';
import type { ClassReport } from '../../src/grading/report-model.js';
import { reportHtml } from '../../src/grading/report-html.js';
import { reportTable } from '../../src/grading/report-text.js';
import { FINDING, HANDED_IN, OUTCOME, STATUS } from '../../src/outcome-theme.js';
import { ROOT } from '../support/cli.js';

const OUTCOMES = ['pass', 'fail', 'error'] as const;

const report: ClassReport = {
  exercises: ['first-image', 'layers', 'adder', 'run-flags'],
  students: [
    {
      student: 'ann',
      file: 'ann.json',
      cells: {
        'first-image': { outcome: 'pass', trust: 'self-reported' },
        layers: { outcome: 'fail', trust: 'self-reported' },
        adder: { outcome: 'error', trust: 'self-reported' },
        'run-flags': { outcome: 'missing', trust: 'self-reported' },
      },
      passed: 1,
      verified: 0,
      flags: [],
    },
  ],
  passRate: Object.fromEntries(
    ['first-image', 'layers', 'adder', 'run-flags'].map((id) => [id, { passed: 0, verified: 0, rate: 0 }]),
  ),
  unreadable: [],
};

describe('the outcome theme', () => {
  it('gives each outcome its own one-character mark, and statuses and findings reuse them', () => {
    const marks = OUTCOMES.map((o) => OUTCOME[o].mark);
    expect(new Set(marks).size).toBe(3);
    for (const m of marks) expect([...m]).toHaveLength(1);
    expect([STATUS.passed, STATUS.failed, STATUS.error]).toEqual(OUTCOMES.map((o) => OUTCOME[o]));
    expect([FINDING.ok, FINDING.fail]).toEqual([OUTCOME.pass, OUTCOME.fail]);
    expect(OUTCOME.pass.mark).toBe('✓'); // not ✔, which some terminals draw as a two-column emoji
  });

  it('is what the CLI prints for an outcome', () => {
    for (const o of OUTCOMES) {
      expect(outcomeLabel(o)).toBe(`${OUTCOME[o].mark} ${o}`);
      const text = formatResult('Your first image', { outcome: o, message: 'seen', evidence: {} });
      expect(text.startsWith(`${OUTCOME[o].mark} ${o}  Your first image`)).toBe(true);
    }
  });

  it('is what the class report prints, in text and in HTML', () => {
    const row = reportTable(report).split('\n')[1]!;
    expect(row.split(/\s+/).slice(1, 5)).toEqual(
      ['pass', 'fail', 'error', 'missing'].map((o) => HANDED_IN[o as 'pass'].mark),
    );
    expect(reportTable(report)).toContain(`${OUTCOME.pass.mark} pass  ${OUTCOME.fail.mark} fail`);
    const html = reportHtml(report);
    for (const o of OUTCOMES) expect(html).toContain(`<td class="${o} self-reported">${OUTCOME[o].mark}<span`);
  });

  it('is the only place in src/ that spells a check mark or a cross ', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
      );
    const spelling = files(join(ROOT, 'src'))
      .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('outcome-theme.ts'))
      .filter((f) => /[✓✔✗✘]/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));
    expect(spelling).toEqual([]);
  });
});
