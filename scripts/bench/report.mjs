// The results: the table's rows, the targets from the issue, and the report as text (stdout) or JSON.
import { HELLO, fmt } from './common.mjs';
import { formatBreakdown } from './breakdown.mjs';

/** One row per timed job (probes left out), with its ratio to its floor and to `node -e 0`. */
export function resultRows(jobs, S, failures) {
  return jobs
    .filter((j) => !j.probe)
    .map((j) => ({
      id: j.id,
      label: j.label,
      floor: j.floor ? 'floor' : jobs.find((f) => f.id === j.vs).label,
      ...S[j.id],
      ratio: j.vs ? S[j.id].median / S[j.vs].median : undefined,
      ratioNode: j.id !== 'node' ? S[j.id].median / S.node.median : undefined,
      failures: failures[j.id],
    }));
}

export function targets(S) {
  return [
    // The issue's "first frame", read two ways: the first thing drawn, and the lesson list the learner can use.
    ...[
      ['tuiFirst', 'TUI first frame'],
      ['tui', 'TUI lesson list shown'],
    ].flatMap(([id, what]) => [
      target(
        `${what} within 3x node -e 0`,
        S[id].median,
        3 * S.node.median,
        `${fmt(S[id].median)} ms vs ${fmt(3 * S.node.median)} ms`,
      ),
      target(
        `${what} within ~10% of the minimal Ink app`,
        S[id].median,
        1.1 * S.ink.median,
        `${fmt(S[id].median)} ms vs ${fmt(1.1 * S.ink.median)} ms`,
      ),
    ]),
    target(
      'check within 1.5x docker run --rm',
      S.check.median,
      1.5 * S.docker.median,
      `${fmt(S.check.median)} ms vs ${fmt(1.5 * S.docker.median)} ms`,
    ),
    target('lint of 50,000 lines under 1 s', S.lint.median, 1000, `${fmt(S.lint.median)} ms vs 1000 ms`),
  ];
}

function target(name, value, limit, detail) {
  return { target: name, value, limit, pass: value <= limit, detail };
}

function table(header, body) {
  const all = [header, ...body];
  const widths = header.map((_, i) => Math.max(...all.map((r) => String(r[i]).length)));
  const line = (r) =>
    r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

export function printJson({ runs, warmups, machine, rows, rebuilds, targets, breakdown }) {
  process.stdout.write(
    JSON.stringify({ runs, warmups, machine, results: rows, rebuilds, targets, breakdown }, null, 2) + '\n',
  );
}

export function printReport({ runs, warmups, machine, rows, targets, breakdown, rebuilds }) {
  const out = [];
  out.push('');
  out.push(`containerlings speed: ${runs} runs each after ${warmups} warm-ups, interleaved round-robin`);
  out.push(`node ${machine.node}, ${machine.cpus} CPUs (${machine.cpuModel}), Docker engine ${machine.docker}`);
  out.push('');
  out.push(
    table(
      ['command', 'median ms', 'p90 ms', 'min ms', 'vs floor', 'floor', 'vs node -e 0'],
      rows.map((r) => [
        r.label + (r.failures ? ` (${r.failures} failed)` : ''),
        fmt(r.median),
        fmt(r.p90),
        fmt(r.min),
        r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}x`,
        r.floor,
        r.ratioNode === undefined ? '' : `${r.ratioNode.toFixed(2)}x`,
      ]),
    ),
  );
  out.push(
    '(TUI and Ink first frame: the first output that is more than terminal control sequences, whatever it draws; ' +
      "lesson list shown: the first lesson's title is on screen.)",
  );
  const failed = rows.reduce((a, r) => a + r.failures, 0);
  if (failed || rebuilds) {
    out.push(
      `WARNING: ${failed} samples failed (left out of the table)${rebuilds ? ` and ${HELLO} had to be rebuilt ${rebuilds} times` : ''}:`,
    );
    out.push('  something else is using this Docker engine; run again when it is quiet.');
  }
  out.push('');
  out.push('Targets (from the issue):');
  for (const t of targets) out.push(`  ${t.pass ? 'PASS' : 'MISS'}  ${t.target}: ${t.detail}`);
  out.push('');
  out.push(...formatBreakdown(breakdown));
  process.stdout.write(out.join('\n') + '\n');
}
