// "Where the time goes": per-module import times and sizes, and the TUI's and the check's medians split into parts.
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, kb } from './common.mjs';
import { stats } from './runs.mjs';

/** Bytes per package in a bundled chunk, from esbuild's `// <path>/node_modules/<pkg>/...` comments. */
function packageBytes(file, into) {
  let owner = 'glue';
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('// ')) {
      const m = /^\/\/ \S*node_modules\/((?:@[^/]+\/)?[^/]+)\/\S+$/.exec(line);
      if (m) owner = m[1];
      else if (/^\/\/ \S*\bsrc\/\S+\.tsx?$/.test(line)) owner = 'containerlings src';
    }
    into.set(owner, (into.get(owner) ?? 0) + line.length + 1);
  }
}

/** The files a chunk loads statically (itself included), transitively. */
function staticClosure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^import\s+(?:[^;]*?\s+from\s+)?"(\.\.?\/[^"]+)";?$/gm))
    staticClosure(resolve(dirname(file), m[1]), seen);
  return seen;
}

/** What importing `file` adds to a process that has `loaded` already: size and biggest packages of the new files. */
function describeStep(file, loaded) {
  const added = [...staticClosure(file)].filter((f) => !loaded.has(f));
  const bytes = new Map();
  for (const f of added) {
    loaded.add(f);
    packageBytes(f, bytes);
  }
  const size = added.reduce((a, f) => a + statSync(f).size, 0);
  const top = [...bytes]
    .filter(([k]) => k !== 'glue')
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3);
  return { size, files: added.length, packages: top.map(([k, v]) => `${k} ${kb(v)}`) };
}
const short = (url) => url.replace(/^.*\/dist\//, '');

/**
 * The breakdown from the medians `S`, the probes' samples and the traced module lists (src: trace.mjs): the
 * entry is `--version` minus `node -e 0`; each module's time is its median import time in a fresh node.
 */
export function computeBreakdown({ S, probe, entryUrls, tuiBeforeFrame, tuiAfterFrame, checkUrls }) {
  const perStep = (list) => (list.length ? list[0].map((_, i) => stats(list.map((l) => l[i])).median) : []);
  const tuiSteps = perStep(probe.probeTui);
  const checkSteps = perStep(probe.probeCheck);
  const containerParts = {
    dockerodeImport: stats(probe.probeContainer.map((p) => p.importMs)).median,
    container: stats(probe.probeContainer.map((p) => p.containerMs)).median,
  };
  const entry = S.version.median - S.node.median;
  const entryFiles = () => new Set(entryUrls.flatMap((u) => [...staticClosure(fileURLToPath(u))]));
  const moduleRows = (urls, steps, loaded, offset = 0) =>
    urls.map((url, i) => ({ module: short(url), ms: steps[offset + i], ...describeStep(fileURLToPath(url), loaded) }));
  const tuiLoaded = entryFiles();
  const tuiBefore = moduleRows(tuiBeforeFrame, tuiSteps, tuiLoaded);
  const tuiAfter = moduleRows(tuiAfterFrame, tuiSteps, tuiLoaded, tuiBeforeFrame.length);
  const checkMods = moduleRows(checkUrls, checkSteps, entryFiles());
  const sum = (rs) => rs.reduce((a, r) => a + (r.ms ?? 0), 0);
  const breakdown = {
    tui: {
      listShown: S.tui.median,
      firstFrame: S.tuiFirst.median,
      nodeStart: S.node.median,
      entryVersion: entry,
      importsBeforeFrame: sum(tuiBefore),
      modulesBeforeFrame: tuiBefore,
      modulesAfterFrame: tuiAfter,
      rest: S.tui.median - S.node.median - entry - sum(tuiBefore),
      inkFloor: S.ink.median,
    },
    check: {
      total: S.check.median,
      nodeStart: S.node.median,
      entryVersion: entry,
      commandImports: sum(checkMods.filter((m) => !m.module.startsWith('chunks/docker-'))),
      dockerodeImport: containerParts.dockerodeImport,
      container: containerParts.container,
      modules: checkMods,
      dockerRunCli: S.docker.median,
    },
  };
  const c = breakdown.check;
  c.rest = c.total - c.nodeStart - c.entryVersion - c.commandImports - c.dockerodeImport - c.container;
  return breakdown;
}

/** The report's "Where the time goes" sections, as lines. */
export function formatBreakdown(breakdown) {
  const out = [];
  const b = breakdown.tui;
  const modLine = (m) =>
    `      ${fmt(m.ms).padStart(6)} ms  ${m.module.padEnd(34)} ${kb(m.size).padStart(7)}  ${m.packages.join(', ')}`;
  out.push('(modules: the time to import each in a fresh node, in the order the command loads them, with the');
  out.push(' size and biggest packages of the files it adds; static imports count towards the chunk importing them)');
  out.push('Where the time goes: TUI start until the lesson list shows (medians)');
  out.push(`  ${fmt(b.nodeStart).padStart(6)} ms  node start (node -e 0)`);
  out.push(`  ${fmt(b.entryVersion).padStart(6)} ms  cli.js entry + argv (--version minus node -e 0)`);
  out.push(`  ${fmt(b.importsBeforeFrame).padStart(6)} ms  modules imported before the lesson list shows:`);
  for (const m of b.modulesBeforeFrame.filter((m) => m.ms >= 1)) out.push(modLine(m));
  const small = b.modulesBeforeFrame.filter((m) => m.ms < 1);
  if (small.length)
    out.push(`      ${fmt(small.reduce((a, m) => a + m.ms, 0)).padStart(6)} ms  ${small.length} small chunks`);
  out.push(
    `  ${fmt(b.rest).padStart(6)} ms  the rest: course and progress, lesson data, React renders, terminal (lesson list minus the above)`,
  );
  out.push(
    `  ${fmt(b.listShown).padStart(6)} ms  = lesson list shown ` +
      `(TUI first frame: ${fmt(b.firstFrame)} ms; minimal Ink app: ${fmt(b.inkFloor)} ms)`,
  );
  if (b.modulesAfterFrame.length) {
    out.push('  loaded only after the lesson list shows:');
    for (const m of b.modulesAfterFrame.filter((m) => m.ms >= 1)) out.push(modLine(m));
  }
  out.push('');
  const c = breakdown.check;
  out.push('Where the time goes: check first-image');
  out.push(`  ${fmt(c.nodeStart).padStart(6)} ms  node start (node -e 0)`);
  out.push(`  ${fmt(c.entryVersion).padStart(6)} ms  cli.js entry + argv`);
  out.push(`  ${fmt(c.commandImports).padStart(6)} ms  check command modules:`);
  for (const m of c.modules.filter((m) => !m.module.startsWith('chunks/docker-') && m.ms >= 1)) out.push(modLine(m));
  out.push(`  ${fmt(c.dockerodeImport).padStart(6)} ms  dockerode (bundled chunk) import`);
  out.push(
    `  ${fmt(c.container).padStart(6)} ms  the throw-away container via the API (create, start, wait, logs, inspect, remove)`,
  );
  out.push(
    `  ${fmt(c.rest).padStart(6)} ms  the rest: course, progress read + fsync'd write, image inspects, check module, output`,
  );
  out.push(`  ${fmt(c.total).padStart(6)} ms  = check (docker run --rm CLI: ${fmt(c.dockerRunCli)} ms)`);
  out.push('');
  return out;
}
