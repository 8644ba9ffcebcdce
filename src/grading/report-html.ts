// The class report as one self-contained HTML page (no scripts, no external files): a per-exercise pass-rate
// chart drawn in inline SVG, the students × exercises table, and the flags.
import { HANDED_IN } from '../outcome-theme.js';
import type { Cell, ClassReport } from './report-model.js';

/** Escapes text for an HTML text node or a double- or single-quoted attribute (the only contexts this page uses). */
const esc = (t: string) =>
  String(t)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** Class names come from a fixed set: whatever a bundle says, only these reach a class attribute. */
const OUTCOME_CLASS = { pass: 'pass', fail: 'fail', error: 'error', missing: 'missing' } as const;
const TRUST_CLASS = { verified: 'verified', 'self-reported': 'self-reported', contradicted: 'contradicted' } as const;
const known = <T extends string>(table: Readonly<Record<string, T>>, key: string, fallback: T): T =>
  Object.hasOwn(table, key) ? table[key] : fallback;

const STYLE = `
body{font:15px/1.45 system-ui,sans-serif;margin:2rem;color:#1d2330;background:#fff}
h1{font-size:1.5rem;margin:0 0 .25rem} h2{font-size:1.1rem;margin:2rem 0 .5rem}
.meta{color:#5b6475} table{border-collapse:collapse} th,td{padding:.3rem .6rem;border-bottom:1px solid #e3e6ec;text-align:center}
th:first-child,td:first-child{text-align:left} .pass{color:#137333} .fail{color:#b3261e} .error{color:#a15c00} .missing{color:#9aa0a6}
.verified{font-weight:700} .contradicted{background:#fde7e5} .tag{font-size:.75em;color:#5b6475;display:block}
.flags li{color:#b3261e} svg text{font:12px system-ui,sans-serif;fill:#1d2330}`;

function chart(report: ClassReport): string {
  const bar = 26,
    gap = 10,
    label = 170,
    width = 360;
  const height = report.exercises.length * (bar + gap) + gap;
  const rows = report.exercises.map((id, i) => {
    const r = report.passRate[id];
    const y = gap + i * (bar + gap);
    const w = Math.round(r.rate * width);
    const vw = report.students.length ? Math.round((r.verified / report.students.length) * width) : 0;
    return (
      `<g data-exercise="${esc(id)}"><text x="0" y="${y + bar / 2 + 4}">${esc(id)}</text>` +
      `<rect x="${label}" y="${y}" width="${width}" height="${bar}" fill="#eef0f4"/>` +
      `<rect class="rate" x="${label}" y="${y}" width="${w}" height="${bar}" fill="#7cc48d"/>` +
      `<rect x="${label}" y="${y}" width="${vw}" height="${bar}" fill="#137333"/>` +
      `<text x="${label + width + 8}" y="${y + bar / 2 + 4}">` +
      `${Math.round(r.rate * 100)}% (${r.passed}/${report.students.length}, ${r.verified} verified)</text></g>`
    );
  });
  return (
    `<svg role="img" aria-label="Pass rate per exercise" width="${label + width + 190}" height="${height}" ` +
    `viewBox="0 0 ${label + width + 190} ${height}">${rows.join('')}</svg>`
  );
}

function cell(c: Cell): string {
  const outcome = known(OUTCOME_CLASS, c.outcome, 'error');
  const trust = known(TRUST_CLASS, c.trust, 'contradicted');
  const title = c.note ? ` title="${esc(c.note)}"` : '';
  return (
    `<td class="${outcome} ${trust}"${title}>${esc(HANDED_IN[outcome].mark)}` +
    `<span class="tag">${outcome === 'missing' ? '' : trust}</span></td>`
  );
}

const TRUST_NOTE =
  '"verified": re-checked by the instructor from the image pushed to the class registry; ' +
  `"self-reported": as the student's machine judged it.`;

export function reportHtml(report: ClassReport, options: { title?: string; generatedAt?: string } = {}): string {
  const title = options.title ?? 'Class report';
  const head = report.exercises.map((id) => `<th>${esc(id)}</th>`).join('');
  const rows = report.students.map(
    (s) =>
      `<tr data-student="${esc(s.student)}"><td>${esc(s.student)}${s.flags.length ? ' <span class="fail">⚑</span>' : ''}</td>` +
      report.exercises.map((id) => cell(s.cells[id])).join('') +
      `<td>${s.passed}/${report.exercises.length}</td><td>${s.verified}</td></tr>`,
  );
  const flags = report.students
    .flatMap((s) => s.flags.map((f) => `<li><b>${esc(s.student)}</b>: ${esc(f)}</li>`))
    .concat(report.unreadable.map((u) => `<li>${esc(u.file)}: ${esc(u.reason)}</li>`));
  const generated = options.generatedAt ? `, generated ${esc(options.generatedAt)}` : '';
  const flagList = flags.length
    ? `<ul class="flags">${flags.join('')}</ul>`
    : "<p>None: every bundle matches its hashes and the instructor's check code.</p>";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${esc(title)}</h1>
<p class="meta">${report.students.length} students, ${report.exercises.length} exercises${generated}. ${TRUST_NOTE}</p>
<h2>Pass rate per exercise</h2>
${chart(report)}
<h2>Students</h2>
<table id="results"><thead><tr><th>student</th>${head}<th>passed</th><th>verified</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
<h2>Flags</h2>
${flagList}
</body></html>
`;
}
