#!/usr/bin/env node
// `npm run bench`: how fast containerlings starts and checks, next to the floors it cannot beat.
// A report, not a test: it always exits 0 (unless it cannot measure at all).
//
// Every command runs N times (--runs, default 15) after 2 warm-ups, round-robin: one of each per round, in a
// rotating order, so machine noise (other containers, CI neighbours) hits all of them alike.
// Terminal commands (the TUI, the minimal Ink app) run on a pseudo-terminal made by util-linux `script`;
// their time is from spawn to the first frame's text on that terminal.
//
//   npm run bench                    table + targets + where the time goes
//   npm run bench -- --runs 30       more samples
//   npm run bench -- --json          the same as JSON on stdout (progress on stderr)
import { spawn, spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HELLO = 'containerlings/hello';
const BASE = 'containerlings/busybox';
const WARMUPS = 2;
/** What the minimal Ink app prints. The TUI is "ready" when its lesson list shows the first lesson's title. */
const FRAME_TEXT = 'Lessons';
const PTY_TIMEOUT_MS = 20_000;

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  process.stdout.write('usage: npm run bench [-- --runs N] [-- --json]\n');
  process.exit(0);
}
const RUNS = Number(opts.runs);
if (!Number.isInteger(RUNS) || RUNS < 1) {
  process.stderr.write(`--runs must be a positive whole number, not "${opts.runs}"\n`);
  process.exit(2);
}
const log = (line) => process.stderr.write(line + '\n');

// ink draws nothing (or only the last frame) when it believes it runs in CI: no child may inherit that belief.
const ENV = { ...process.env };
delete ENV.CI;
delete ENV.CONTINUOUS_INTEGRATION;
delete ENV.DEV;

const q = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;
const now = () => performance.timeOrigin + performance.now(); // epoch ms, comparable across processes

// ---------------------------------------------------------------------------------------------------------
// Running things

/** Runs a command to its exit; wall time from spawn to exit. */
function runToExit(cmd, args, { cwd = tmp } = {}) {
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let ms = 0;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', () => (ms = performance.now() - t0));
    child.on('close', (code) => resolvePromise({ ms, code, stdout, stderr }));
  });
}

/**
 * Starts `shellCommand` on a pseudo-terminal (120x40) and resolves when `text` first appears on it; then kills
 * the command's process group (script made it a session of its own) and waits until script is gone too.
 * (Signalling script instead would cost 2 s: it sleeps between SIGTERM and SIGKILL to its child.)
 */
function runToFrame(shellCommand, text, { cwd = tmp, env = ENV } = {}) {
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const child = spawn('script', ['-qfec', `stty cols 120 rows 40 2>/dev/null; exec ${shellCommand}`, '/dev/null'], {
      cwd,
      env,
      detached: true, // its own process group, so we can stop script and everything it started
      stdio: ['pipe', 'pipe', 'pipe'], // stdin stays open: script must not see EOF
    });
    let firstByte;
    let frame;
    let frameAt;
    let tail = '';
    let output = '';
    let done = false;
    const stop = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      for (const pid of childrenOf(child.pid)) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {}
        }
      }
      killTimer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {}
      }, 3000);
    };
    let killTimer;
    const timer = setTimeout(stop, PTY_TIMEOUT_MS);
    child.stdout.on('data', (d) => {
      const t = performance.now() - t0;
      firstByte ??= t;
      if (output.length < 20_000) output += d;
      tail = (tail + d).slice(-(text.length + 4096));
      if (frame === undefined && tail.includes(text)) {
        frame = t;
        frameAt = now();
        stop();
      }
    });
    child.stderr.on('data', () => {});
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      done = true;
      resolvePromise({ ms: frame, firstByte, frameAt, code: frame === undefined ? 1 : 0, output });
    });
  });
}

function childrenOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function sh(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, env: ENV, encoding: 'utf8', ...options });
  if (r.error) throw r.error;
  return r;
}

function mustSh(cmd, args, options) {
  const r = sh(cmd, args, options);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}${r.stderr}`);
  return r;
}

// ---------------------------------------------------------------------------------------------------------
// Statistics and chunk names

function stats(samples) {
  const s = samples.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!s.length) return { n: 0, median: NaN, p90: NaN, min: NaN, max: NaN };
  const at = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { n: s.length, median, p90: at(0.9), min: s[0], max: s[s.length - 1] };
}

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
  for (const m of text.matchAll(/^import\s+(?:[^;]*?\s+from\s+)?"(\.\.?\/[^"]+)";?$/gm)) staticClosure(resolve(dirname(file), m[1]), seen);
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
  const top = [...bytes].filter(([k]) => k !== 'glue').sort((a, b) => b[1] - a[1]).slice(0, 3);
  return { size, files: added.length, packages: top.map(([k, v]) => `${k} ${kb(v)}`) };
}
const kb = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.round(n / 1e3)} kB`);
const short = (url) => url.replace(/^.*\/dist\//, '');

// ---------------------------------------------------------------------------------------------------------
// Set-up

const tmp = await mkdtemp(join(tmpdir(), 'containerlings-bench-'));
// A private build of the current sources (scripts/build.mjs run in a folder that links to src, lessons, ...):
// other sessions may rebuild /work/main/dist while we measure; this copy cannot change under us.
const APP = join(tmp, 'app');
const DIST = join(APP, 'dist');
const CLI = join(DIST, 'cli.js');
const CHUNKS = join(DIST, 'chunks');
const ws = join(tmp, 'ws');
let helloBefore; // the image id containerlings/hello had before we started, if any
let helloBuilt = false;

async function cleanUp() {
  await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
  if (!helloBuilt) return;
  const ours = sh('docker', ['image', 'inspect', '-f', '{{.Id}}', HELLO]).stdout.trim();
  if (helloBefore) {
    // Put the learner's (or another run's) image back under its name; drop ours if nothing else names it.
    sh('docker', ['tag', helloBefore, HELLO]);
    if (ours && ours !== helloBefore) sh('docker', ['rmi', ours]);
  } else {
    sh('docker', ['rmi', HELLO]);
  }
}
let cleaning;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    cleaning ??= cleanUp().finally(() => process.exit(130));
  });
}

async function main() {
  log('Building a private copy of dist/...');
  await mkdir(APP, { recursive: true });
  for (const name of ['src', 'lessons', 'exercises', 'sandbox', 'node_modules', 'package.json', 'tsconfig.json']) {
    if (existsSync(join(ROOT, name))) await symlink(join(ROOT, name), join(APP, name));
  }
  mustSh('node', [join(ROOT, 'scripts/build.mjs')], { cwd: APP });
  if (!existsSync(CLI)) throw new Error(`The build made no ${CLI}.`);
  if (sh('docker', ['version', '--format', '{{.Server.Version}}']).status !== 0) throw new Error('The Docker engine does not answer (`docker version`).');
  if (sh('docker', ['image', 'inspect', BASE]).status !== 0) {
    log(`${BASE} is missing: node dist/cli.js sandbox prepare`);
    mustSh('node', [CLI, 'sandbox', 'prepare'], { stdio: 'inherit' });
  }

  // The floor Ink app, bundled like the CLI (scripts/build.mjs): esm, node platform, splitting, same banner.
  log('Bundling the minimal Ink app...');
  const inkDir = join(tmp, 'minimal-ink');
  await mkdir(inkDir, { recursive: true });
  await writeFile(join(inkDir, 'package.json'), '{ "type": "module" }\n');
  await build({
    entryPoints: { 'minimal-ink': join(ROOT, 'scripts/bench/minimal-ink.tsx') },
    outdir: inkDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    chunkNames: 'chunks/[name]-[hash]',
    banner: {
      js: [
        '#!/usr/bin/env node',
        "import { createRequire as __benchRequire } from 'node:module';",
        "import { fileURLToPath as __benchPath } from 'node:url';",
        "import { dirname as __benchDirname } from 'node:path';",
        'const require = __benchRequire(import.meta.url);',
        'const __filename = __benchPath(import.meta.url);',
        'const __dirname = __benchDirname(__filename);',
      ].join('\n'),
    },
    external: ['*.node', 'esbuild', 'react-devtools-core'],
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    logLevel: 'warning',
  });
  const minimalInk = join(inkDir, 'minimal-ink.js');

  // A workspace whose first-image holds the solution, and containerlings/hello built after the exercise began.
  log('Creating a workspace and building containerlings/hello...');
  mustSh('node', [CLI, 'init', ws]);
  const exerciseDir = join(ws, 'first-image');
  await cp(join(ROOT, 'exercises/first-image/solution'), exerciseDir, {
    recursive: true,
    filter: (src) => !src.endsWith('/commands.sh'),
  });
  helloBefore = sh('docker', ['image', 'inspect', '-f', '{{.Id}}', HELLO]).stdout.trim() || undefined;
  helloBuilt = true;
  // --no-cache: a cached build keeps its old creation time, and the check would (rightly) call it stale.
  const buildHello = () => mustSh('docker', ['build', '--no-cache', '-q', '-t', HELLO, '.'], { cwd: exerciseDir });
  buildHello();

  // Verify once that each command does what we time.
  const checkArgs = [CLI, 'check', 'first-image', '--workspace', ws];
  const verify = await runToExit('node', checkArgs);
  if (verify.code !== 0) throw new Error(`The check of first-image did not pass (exit ${verify.code}); nothing to time.\n${verify.stdout}${verify.stderr}`);
  const verifyRun = await runToExit('docker', ['run', '--rm', HELLO]);
  if (verifyRun.code !== 0 || !verifyRun.stdout.includes('Hello')) throw new Error(`docker run --rm ${HELLO} failed:\n${verifyRun.stderr}`);
  const verifyList = await runToExit('node', [CLI, 'list', '--workspace', ws, '--json']);
  if (verifyList.code !== 0) throw new Error(`containerlings list failed:\n${verifyList.stderr}`);
  // The TUI may draw a frame before its lessons are loaded (a header, "Loading lessons…"): the lesson list is
  // there when the first lesson's title is.
  const LIST_TEXT = JSON.parse(verifyList.stdout).lessons[0].title;

  // Which dist modules each command loads, and (for the TUI) when, from a resolve hook in a separate run.
  const hooks = await writeHooks();
  const tuiCommand = `node ${q(CLI)} --workspace ${q(ws)}`;
  const traced = await runToFrame(`node --import ${q(hooks.register)} ${q(CLI)} --workspace ${q(ws)}`, LIST_TEXT, { env: { ...ENV, BENCH_TRACE: hooks.tuiLog } });
  const tuiModules = readTrace(hooks.tuiLog, traced.frameAt);
  if (traced.ms === undefined) throw new Error(`The TUI never showed "${LIST_TEXT}" on a terminal. Its output:\n${traced.output}`);
  await runToExit('node', ['--import', hooks.register, ...checkArgs]);
  const checkModules = readTrace(hooks.checkLog, Infinity);
  // cli.js and its static imports are the entry, timed as `--version`; the probes load them first, untimed.
  const entryUrls = [pathToFileURL(CLI).href, ...cliStaticImports()];
  const notEntry = (m) => !entryUrls.includes(m.url);
  const tuiBeforeFrame = tuiModules.filter((m) => m.beforeFrame && notEntry(m)).map((m) => m.url);
  const tuiAfterFrame = tuiModules.filter((m) => !m.beforeFrame && notEntry(m)).map((m) => m.url);
  const checkUrls = checkModules.filter(notEntry).map((m) => m.url);
  const entryDeps = entryUrls.slice(1);

  // Probes for the breakdown: import costs in a fresh process (incremental, in load order), and the check's
  // container work done the way the check does it (dockerode, in-process).
  const probeImports = join(tmp, 'probe-imports.mjs');
  await writeFile(
    probeImports,
    `const out = [];
const [preload, ...urls] = process.argv.slice(2);
for (const url of preload ? preload.split(' ') : []) await import(url);
for (const url of urls) { const t = performance.now(); await import(url); out.push(performance.now() - t); }
process.stdout.write(JSON.stringify(out));
`,
  );
  const dockerChunk = readdirSync(CHUNKS).find((f) => /^docker-.*\.js$/.test(f));
  const probeContainer = join(tmp, 'probe-container.mjs');
  await writeFile(probeContainer, containerProbeSource());

  // ---------------------------------------------------------------------------------------------------
  // The measurements, round-robin.
  const jobs = [
    { id: 'node', label: 'node -e 0', floor: true, run: () => runToExit('node', ['-e', '0']) },
    { id: 'ink', label: 'minimal Ink app, first frame (pty)', floor: true, run: () => runToFrame(`node ${q(minimalInk)}`, FRAME_TEXT) },
    { id: 'docker', label: `docker run --rm ${HELLO}`, floor: true, run: () => runToExit('docker', ['run', '--rm', HELLO]) },
    { id: 'version', label: 'containerlings --version', vs: 'node', run: () => runToExit('node', [CLI, '--version']) },
    { id: 'tuiFirst', label: 'containerlings TUI, first frame (pty)', vs: 'ink', sameRunAs: 'tui' },
    { id: 'tui', label: 'containerlings TUI, lesson list shown (pty)', vs: 'ink', run: () => runToFrame(tuiCommand, LIST_TEXT) },
    { id: 'list', label: 'containerlings list', vs: 'node', run: () => runToExit('node', [CLI, 'list', '--workspace', ws]) },
    { id: 'check', label: 'containerlings check first-image', vs: 'docker', run: () => runToExit('node', checkArgs) },
    { id: 'probeTui', probe: true, run: () => runToExit('node', [probeImports, entryDeps.join(' '), ...tuiBeforeFrame, ...tuiAfterFrame]) },
    { id: 'probeCheck', probe: true, run: () => runToExit('node', [probeImports, entryDeps.join(' '), ...checkUrls]) },
    { id: 'probeContainer', probe: true, run: () => runToExit('node', [probeContainer, pathToFileURL(join(CHUNKS, dockerChunk)).href]) },
  ];
  const samples = Object.fromEntries(jobs.map((j) => [j.id, []]));
  const extra = { rebuilds: 0, failures: Object.fromEntries(jobs.map((j) => [j.id, 0])), probe: { probeTui: [], probeCheck: [], probeContainer: [] } };
  const total = WARMUPS + RUNS;
  for (let round = 0; round < total; round++) {
    const warm = round < WARMUPS;
    log(warm ? `warm-up ${round + 1}/${WARMUPS}` : `round ${round - WARMUPS + 1}/${RUNS}`);
    // The engine is shared: a test suite elsewhere may remove containerlings/hello (reset, sandbox clean).
    if (sh('docker', ['image', 'inspect', HELLO]).status !== 0) {
      extra.rebuilds++;
      log(`${HELLO} disappeared (removed by someone else?); building it again`);
      buildHello();
    }
    const runnable = jobs.filter((j) => j.run);
    const order = runnable.map((_, i) => runnable[(i + round) % runnable.length]);
    for (const job of order) {
      const r = await job.run();
      if (warm) continue;
      if (r.code !== 0 || r.ms === undefined) {
        extra.failures[job.id]++;
        continue;
      }
      samples[job.id].push(r.ms);
      if (job.id === 'tui') samples.tuiFirst.push(r.firstByte);
      if (job.probe) extra.probe[job.id].push(JSON.parse(r.stdout));
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // Results
  const S = Object.fromEntries(jobs.map((j) => [j.id, stats(samples[j.id])]));
  const rows = jobs
    .filter((j) => !j.probe)
    .map((j) => ({
      id: j.id,
      label: j.label,
      floor: j.floor ? 'floor' : jobs.find((f) => f.id === j.vs).label,
      ...S[j.id],
      ratio: j.vs ? S[j.id].median / S[j.vs].median : undefined,
      ratioNode: j.id !== 'node' ? S[j.id].median / S.node.median : undefined,
      failures: extra.failures[j.id],
    }));
  const targets = [
    // The issue's "first frame", read two ways: the first thing drawn, and the lesson list the learner can use.
    ...[['tuiFirst', 'TUI first frame'], ['tui', 'TUI lesson list shown']].flatMap(([id, what]) => [
      target(`${what} within 3x node -e 0`, S[id].median, 3 * S.node.median, `${fmt(S[id].median)} ms vs ${fmt(3 * S.node.median)} ms`),
      target(`${what} within ~10% of the minimal Ink app`, S[id].median, 1.1 * S.ink.median, `${fmt(S[id].median)} ms vs ${fmt(1.1 * S.ink.median)} ms`),
    ]),
    target('check within 1.5x docker run --rm', S.check.median, 1.5 * S.docker.median, `${fmt(S.check.median)} ms vs ${fmt(1.5 * S.docker.median)} ms`),
  ];

  // Where the time goes.
  const perStep = (list) => (list.length ? list[0].map((_, i) => stats(list.map((l) => l[i])).median) : []);
  const tuiSteps = perStep(extra.probe.probeTui);
  const checkSteps = perStep(extra.probe.probeCheck);
  const containerParts = {
    dockerodeImport: stats(extra.probe.probeContainer.map((p) => p.importMs)).median,
    container: stats(extra.probe.probeContainer.map((p) => p.containerMs)).median,
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
  breakdown.check.rest = breakdown.check.total - breakdown.check.nodeStart - breakdown.check.entryVersion - breakdown.check.commandImports - breakdown.check.dockerodeImport - breakdown.check.container;

  const machine = {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    docker: sh('docker', ['version', '--format', '{{.Server.Version}}']).stdout.trim(),
  };
  if (opts.json) {
    process.stdout.write(JSON.stringify({ runs: RUNS, warmups: WARMUPS, machine, results: rows, rebuilds: extra.rebuilds, targets, breakdown }, null, 2) + '\n');
  } else {
    printReport({ machine, rows, targets, breakdown, rebuilds: extra.rebuilds });
  }
}

function target(name, value, limit, detail) {
  return { target: name, value, limit, pass: value <= limit, detail };
}

const fmt = (n) => (n === undefined || Number.isNaN(n) ? '-' : n >= 100 ? n.toFixed(0) : n.toFixed(1));

function table(header, body) {
  const all = [header, ...body];
  const widths = header.map((_, i) => Math.max(...all.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function printReport({ machine, rows, targets, breakdown, rebuilds }) {
  const out = [];
  out.push('');
  out.push(`containerlings speed: ${RUNS} runs each after ${WARMUPS} warm-ups, interleaved round-robin`);
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
  out.push('(TUI first frame: its first output byte, whatever it draws; lesson list shown: the first lesson\'s title is on screen.)');
  const failed = rows.reduce((a, r) => a + r.failures, 0);
  if (failed || rebuilds) {
    out.push(`WARNING: ${failed} samples failed (left out of the table)${rebuilds ? ` and ${HELLO} had to be rebuilt ${rebuilds} times` : ''}:`);
    out.push('  something else is using this Docker engine; run again when it is quiet.');
  }
  out.push('');
  out.push('Targets (from the issue):');
  for (const t of targets) out.push(`  ${t.pass ? 'PASS' : 'MISS'}  ${t.target}: ${t.detail}`);
  out.push('');

  const b = breakdown.tui;
  const modLine = (m) => `      ${fmt(m.ms).padStart(6)} ms  ${m.module.padEnd(34)} ${kb(m.size).padStart(7)}  ${m.packages.join(', ')}`;
  out.push('(modules: the time to import each in a fresh node, in the order the command loads them, with the');
  out.push(' size and biggest packages of the files it adds; static imports count towards the chunk importing them)');
  out.push('Where the time goes: TUI start until the lesson list shows (medians)');
  out.push(`  ${fmt(b.nodeStart).padStart(6)} ms  node start (node -e 0)`);
  out.push(`  ${fmt(b.entryVersion).padStart(6)} ms  cli.js entry + argv (--version minus node -e 0)`);
  out.push(`  ${fmt(b.importsBeforeFrame).padStart(6)} ms  modules imported before the lesson list shows:`);
  for (const m of b.modulesBeforeFrame.filter((m) => m.ms >= 1)) out.push(modLine(m));
  const small = b.modulesBeforeFrame.filter((m) => m.ms < 1);
  if (small.length) out.push(`      ${fmt(small.reduce((a, m) => a + m.ms, 0)).padStart(6)} ms  ${small.length} small chunks`);
  out.push(`  ${fmt(b.rest).padStart(6)} ms  the rest: course and progress, lesson data, React renders, terminal (lesson list minus the above)`);
  out.push(`  ${fmt(b.listShown).padStart(6)} ms  = lesson list shown (TUI first frame: ${fmt(b.firstFrame)} ms; minimal Ink app: ${fmt(b.inkFloor)} ms)`);
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
  out.push(`  ${fmt(c.container).padStart(6)} ms  the throw-away container via the API (create, start, wait, logs, inspect, remove)`);
  out.push(`  ${fmt(c.rest).padStart(6)} ms  the rest: course, progress read + fsync'd write, image inspects, check module, output`);
  out.push(`  ${fmt(c.total).padStart(6)} ms  = check (docker run --rm CLI: ${fmt(c.dockerRunCli)} ms)`);
  out.push('');
  process.stdout.write(out.join('\n') + '\n');
}

// ---------------------------------------------------------------------------------------------------------
// Helpers written to the temp dir

/** A resolve hook that records which dist modules load and when (epoch ms); used once per command, not timed. */
async function writeHooks() {
  const dir = join(tmp, 'trace');
  await mkdir(dir, { recursive: true });
  const tuiLog = join(dir, 'tui.log');
  const checkLog = join(dir, 'check.log');
  await writeFile(
    join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';
let file;
export async function initialize(data) { file = data.file; }
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (file && r.url.startsWith(${JSON.stringify(pathToFileURL(DIST).href + '/')})) appendFileSync(file, (performance.timeOrigin + performance.now()) + ' ' + r.url + '\\n');
  return r;
}
`,
  );
  const register = join(dir, 'register.mjs');
  await writeFile(
    register,
    `import { register } from 'node:module';
const file = process.env.BENCH_TRACE ?? ${JSON.stringify(checkLog)};
register('./hooks.mjs', import.meta.url, { data: { file } });
`,
  );
  return { register, tuiLog, checkLog };
}

/** The chunks dist/cli.js imports statically (loaded by every command, even --version). */
function cliStaticImports() {
  const text = readFileSync(CLI, 'utf8');
  return [...text.matchAll(/^import\s+(?:[^;]*?\s+from\s+)?"(\.\/chunks\/[^"]+)";?$/gm)].map((m) => new URL(m[1], pathToFileURL(CLI)).href);
}

function readTrace(file, frameAt) {
  if (!existsSync(file)) return [];
  const seen = new Map();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [t, url] = line.split(' ');
    if (url && !seen.has(url)) seen.set(url, Number(t));
  }
  return [...seen].sort((a, b) => a[1] - b[1]).map(([url, t]) => ({ url, beforeFrame: t < frameAt }));
}

/** The check's container work (src/sandbox/containers.ts runThrowaway), timed in-process. */
function containerProbeSource() {
  return `const t0 = performance.now();
const { default: Docker } = await import(process.argv[2]);
const t1 = performance.now();
const host = process.env.DOCKER_HOST;
const docker = new Docker(host && host.startsWith('unix://') ? { socketPath: host.slice(7) } : host ? undefined : { socketPath: '/var/run/docker.sock' });
const MB = 1024 * 1024;
const c = await docker.createContainer({
  Image: ${JSON.stringify(HELLO)}, Env: [], Labels: { 'io.containerlings.sandbox': 'bench' }, NetworkDisabled: true,
  HostConfig: { Memory: 256 * MB, MemorySwap: 256 * MB, PidsLimit: 128 },
});
let code;
try {
  await c.start();
  code = (await c.wait()).StatusCode;
  await c.logs({ stdout: true, stderr: true, follow: false });
  await c.inspect();
} finally {
  await c.remove({ force: true, v: true });
}
const t2 = performance.now();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, containerMs: t2 - t1 }));
process.exitCode = code;
`;
}

// Last, so that every const above is initialised.
try {
  await main();
} finally {
  cleaning ??= cleanUp();
  await cleaning;
}
