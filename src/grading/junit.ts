// JUnit XML from a results document, for CI servers and GitHub Classroom: one testsuite per lesson, one
// testcase per exercise; a fail is a <failure>, an error an <error>; the evidence goes to <system-out>.
import { hostname } from 'node:os';
import type { ExerciseResult, ResultsDocument } from './results.js';

/** Escapes text for XML, dropping characters XML 1.0 cannot hold at all (control codes from a container's output). */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);
const attrs = (values: Record<string, string | number>) =>
  Object.entries(values)
    .map(([k, v]) => `${k}="${xmlEscape(String(v))}"`)
    .join(' ');

function testcase(r: ExerciseResult): string {
  const lines = [
    `    <testcase ${attrs({ name: r.exercise, classname: `containerlings.${r.lesson}`, time: seconds(r.durationMs) })}>`,
  ];
  const detail = [r.message, r.tryNext ? `Try: ${r.tryNext}` : ''].filter(Boolean).join('\n');
  if (r.outcome === 'fail')
    lines.push(`      <failure ${attrs({ type: 'fail', message: r.message })}>${xmlEscape(detail)}</failure>`);
  if (r.outcome === 'error')
    lines.push(`      <error ${attrs({ type: 'error', message: r.message })}>${xmlEscape(detail)}</error>`);
  const out = [
    `${r.title}: ${r.outcome}`,
    `check: ${r.checkHash}`,
    ...Object.entries(r.evidence).map(([k, v]) => `${k}: ${v}`),
    ...r.images.map(
      (i) =>
        `image ${i.ref}: ${i.id} (${i.sizeBytes} bytes)${i.repoDigests.length ? ` ${i.repoDigests.join(' ')}` : ''}`,
    ),
  ];
  lines.push(`      <system-out>${xmlEscape(out.join('\n'))}</system-out>`, '    </testcase>');
  return lines.join('\n');
}

export function toJunit(doc: ResultsDocument): string {
  const lessons = [...new Set(doc.results.map((r) => r.lesson))];
  const suites = lessons.map((lesson, i) => {
    const results = doc.results.filter((r) => r.lesson === lesson);
    const count = (o: string) => results.filter((r) => r.outcome === o).length;
    const head = attrs({
      name: lesson,
      id: i,
      package: 'containerlings',
      tests: results.length,
      failures: count('fail'),
      errors: count('error'),
      skipped: 0,
      time: seconds(results.reduce((t, r) => t + r.durationMs, 0)),
      timestamp: doc.startedAt.replace(/\.\d+Z$/, ''),
      hostname: hostname(),
    });
    const properties = [
      ['containerlings.version', doc.containerlings],
      ['containerlings.workspace', doc.workspaceId],
      ['containerlings.results-format', `${doc.format}/${doc.version}`],
      ...(doc.workshop ? [['containerlings.workshop', doc.workshop]] : []),
    ].map(([name, value]) => `      <property ${attrs({ name, value })}/>`);
    return [
      `  <testsuite ${head}>`,
      '    <properties>',
      ...properties,
      '    </properties>',
      ...results.map(testcase),
      '  </testsuite>',
    ].join('\n');
  });
  const s = doc.summary;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${attrs({ name: 'containerlings', tests: s.total, failures: s.fail, errors: s.error, time: seconds(doc.durationMs) })}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
