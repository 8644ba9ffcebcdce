#!/usr/bin/env node
// `npm run architecture`: the shape of src/, measured from its imports (static and dynamic, types included).
// Rooms are ordered from the top (what the learner touches) to the floor (what everything may use): an import may
// only go to its own room or to a room below it. Prints the rooms, every upward import, and every circle.
//   node scripts/architecture.mjs [--json] [--root DIR]
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Top to bottom. A room is a folder of src/ (or a file at its root); the longest prefix that matches wins. */
export const ROOMS = [
  ['cli', ['cli/']],
  ['grading', ['grading/', 'workshop/']],
  ['authoring', ['authoring/']],
  ['tutor', ['tutor/']],
  ['ui', ['ui/']],
  ['checks', ['checks/']],
  ['sandbox', ['sandbox/']],
  ['sandbox/aws', ['sandbox/aws/', 'sandbox/ecs/']],
  ['sandbox/services', ['sandbox/services/']],
  ['sandbox/images', ['sandbox/images/']],
  ['sandbox/engine', ['sandbox/engine/']],
  ['sandbox/process', ['sandbox/process.ts']],
  ['progress', ['progress/']],
  ['lessons', ['lessons/']],
  ['floor', ['errors.ts', 'version.ts', 'outcome-theme.ts', 'accessibility.ts', 'make-dirs.ts', 'types/', 'i18n/']],
];

export function roomOf(file) {
  let best = ['?', ''];
  for (const [name, prefixes] of ROOMS)
    for (const p of prefixes) if (file.startsWith(p) && p.length > best[1].length) best = [name, p];
  return best[0];
}
const rank = (room) => ROOMS.findIndex(([name]) => name === room);

function sources(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function resolveImport(from, spec) {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  for (const c of [base, base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), `${base}.ts`, `${base}/index.ts`])
    if (existsSync(c) && statSync(c).isFile()) return c;
  return undefined;
}

/** The import graph of src/: file (relative to src/) → files it imports. */
export function importGraph(srcDir) {
  const graph = new Map();
  for (const file of sources(srcDir)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles.map((f) => resolveImport(file, f.fileName)).filter(Boolean);
    graph.set(relative(srcDir, file), [...new Set(targets.map((t) => relative(srcDir, t)))]);
  }
  return graph;
}

/** Strongly connected components with more than one file (Tarjan). */
export function circles(graph) {
  let index = 0;
  const stack = [];
  const on = new Set();
  const idx = new Map();
  const low = new Map();
  const out = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

/** The files an entry loads (static and dynamic imports), and the imports among them that cross rooms. */
export function crossings(graph, entry) {
  const seen = new Set([entry]);
  const queue = [entry];
  const crossing = [];
  while (queue.length) {
    const from = queue.shift();
    for (const to of graph.get(from) ?? []) {
      if (roomOf(to) !== roomOf(from)) crossing.push({ from, to, upward: rank(roomOf(to)) < rank(roomOf(from)) });
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return { files: seen.size, crossing: crossing.length, upward: crossing.filter((c) => c.upward).length };
}

export function measure(srcDir) {
  const graph = importGraph(srcDir);
  const upward = [];
  for (const [from, tos] of graph)
    for (const to of tos) if (rank(roomOf(to)) < rank(roomOf(from))) upward.push(`${from} → ${to}`);
  const rings = circles(graph).map((files) => ({ files, rooms: [...new Set(files.map((f) => dirname(f)))] }));
  const check = graph.has('cli/commands/learn/check.ts') ? crossings(graph, 'cli/commands/learn/check.ts') : undefined;
  return { files: graph.size, upward, circles: rings, check };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const rootAt = args.indexOf('--root');
  const root = rootAt >= 0 ? args[rootAt + 1] : process.cwd();
  const result = measure(join(root, 'src'));
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    process.stdout.write(`${result.files} files in src/\n`);
    process.stdout.write(`${result.upward.length} upward imports\n`);
    for (const u of result.upward) process.stdout.write(`  ${u}\n`);
    process.stdout.write(`${result.circles.length} circles\n`);
    for (const c of result.circles) process.stdout.write(`  [${c.rooms.join(', ')}] ${c.files.join(' ⇄ ')}\n`);
    if (result.check)
      process.stdout.write(
        `\`check\` loads ${result.check.files} files; ${result.check.crossing} of their imports cross rooms, ` +
          `${result.check.upward} upward\n`,
      );
  }
}
