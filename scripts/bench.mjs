#!/usr/bin/env node
// `npm run bench`: how fast containerlings starts and checks, next to the floors it cannot beat.
// A report, not a test: it always exits 0 (unless it cannot measure at all).
//
// Every command runs N times (--runs, default 15) after 2 warm-ups, round-robin: one of each per round, in a
// rotating order, so machine noise (other containers, CI neighbours) hits all of them alike.
// Terminal commands (the TUI, the minimal Ink app) run on a pseudo-terminal made by util-linux `script`;
// their time is from spawn to their first visible output there (more than control sequences such as the
// alternate-screen switch), and for the TUI's lesson list, to the first lesson's title on that terminal.
//
//   npm run bench                    table + targets + where the time goes
//   npm run bench -- --runs 30       more samples
//   npm run bench -- --json          the same as JSON on stdout (progress on stderr)
//
// The parts, in scripts/bench/: fixtures.mjs (set-up, clean-up), pty.mjs (timing on a terminal), runs.mjs
// (round-robin sampling, medians), trace.mjs (which modules load, probes), breakdown.mjs (where the time goes),
// report.mjs (table, targets, JSON), common.mjs (shared helpers).
import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { computeBreakdown } from './bench/breakdown.mjs';
import { HELLO, q, runToExit, sh } from './bench/common.mjs';
import { createFixtures } from './bench/fixtures.mjs';
import { runToFrame } from './bench/pty.mjs';
import { printJson, printReport, resultRows, targets } from './bench/report.mjs';
import { sampleRoundRobin, stats } from './bench/runs.mjs';
import { traceModules, writeProbes } from './bench/trace.mjs';

const WARMUPS = 2;
/** What the minimal Ink app prints. The TUI is "ready" when its lesson list shows the first lesson's title. */
const FRAME_TEXT = 'Lessons';

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

const fx = await createFixtures();

async function main() {
  await fx.build();
  const minimalInk = await fx.bundleMinimalInk();
  await fx.makeWorkspace();
  const { CLI, ws } = fx;
  const at = { cwd: fx.tmp }; // every timed command runs in the temp dir
  const exit = (cmd, args) => runToExit(cmd, args, at);

  // Verify once that each command does what we time.
  const checkArgs = [CLI, 'check', 'first-image', '--workspace', ws];
  const verify = await exit('node', checkArgs);
  if (verify.code !== 0)
    throw new Error(
      `The check of first-image did not pass (exit ${verify.code}); nothing to time.\n${verify.stdout}${verify.stderr}`,
    );
  const verifyRun = await exit('docker', ['run', '--rm', HELLO]);
  if (verifyRun.code !== 0 || !verifyRun.stdout.includes('Hello'))
    throw new Error(`docker run --rm ${HELLO} failed:\n${verifyRun.stderr}`);
  const verifyList = await exit('node', [CLI, 'list', '--workspace', ws, '--json']);
  if (verifyList.code !== 0) throw new Error(`containerlings list failed:\n${verifyList.stderr}`);
  // The TUI may draw a frame before its lessons are loaded (a header, "Loading lessons…"): the lesson list is
  // there when the first lesson's title is.
  const LIST_TEXT = JSON.parse(verifyList.stdout).lessons[0].title;

  // A 50,000-line Dockerfile (RUN, COPY and ENV lines, as a generator would write them) for `lint`: linear, under 1 s.
  const bigDockerfile = join(fx.tmp, 'big.Dockerfile');
  const bigLines = ['FROM debian:12'];
  for (let i = 0; i < 50_000; i++)
    bigLines.push(
      i % 3 === 0
        ? 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*'
        : i % 3 === 1
          ? `COPY a${i} /b${i}`
          : `ENV X${i}=${i}`,
    );
  await writeFile(bigDockerfile, bigLines.join('\n') + '\n');
  const lintArgs = [CLI, 'lint', bigDockerfile];
  const verifyLint = await exit('node', lintArgs);
  if (verifyLint.code !== 1 || !verifyLint.stdout.includes('cleanup-later-layer'))
    throw new Error(
      `containerlings lint of the 50,000-line Dockerfile did not report its errors:\n${verifyLint.stderr}`,
    );

  // Which dist modules each command loads, and (for the TUI) when; then the probes that time their imports.
  const trace = await traceModules(fx, { listText: LIST_TEXT, checkArgs });
  const { tuiBeforeFrame, tuiAfterFrame, checkUrls, entryDeps } = trace;
  const probes = await writeProbes(fx);
  const tuiCommand = `node ${q(CLI)} --workspace ${q(ws)}`;

  // The measurements, round-robin. The two first frames (minimal Ink app, TUI) are `firstText`: the first
  // output that is more than control sequences; the TUI writes the alternate-screen switch before ink renders.
  const jobs = [
    { id: 'node', label: 'node -e 0', floor: true, run: () => exit('node', ['-e', '0']) },
    {
      id: 'ink',
      label: 'minimal Ink app, first frame (pty)',
      floor: true,
      field: 'firstText',
      run: () => runToFrame(`node ${q(minimalInk)}`, FRAME_TEXT, at),
    },
    { id: 'docker', label: `docker run --rm ${HELLO}`, floor: true, run: () => exit('docker', ['run', '--rm', HELLO]) },
    { id: 'version', label: 'containerlings --version', vs: 'node', run: () => exit('node', [CLI, '--version']) },
    { id: 'tuiFirst', label: 'containerlings TUI, first frame (pty)', vs: 'ink', sameRunAs: 'tui', field: 'firstText' },
    {
      id: 'tui',
      label: 'containerlings TUI, lesson list shown (pty)',
      vs: 'ink',
      run: () => runToFrame(tuiCommand, LIST_TEXT, at),
    },
    { id: 'list', label: 'containerlings list', vs: 'node', run: () => exit('node', [CLI, 'list', '--workspace', ws]) },
    { id: 'check', label: 'containerlings check first-image', vs: 'docker', run: () => exit('node', checkArgs) },
    {
      id: 'lint',
      label: 'containerlings lint, 50,000 lines',
      vs: 'node',
      // Exit 1 is its answer here (the file has errors), checked once above.
      run: async () => ({ ...(await exit('node', lintArgs)), code: 0 }),
    },
    {
      id: 'probeTui',
      probe: true,
      run: () => exit('node', [probes.probeImports, entryDeps.join(' '), ...tuiBeforeFrame, ...tuiAfterFrame]),
    },
    {
      id: 'probeCheck',
      probe: true,
      run: () => exit('node', [probes.probeImports, entryDeps.join(' '), ...checkUrls]),
    },
    { id: 'probeContainer', probe: true, run: () => exit('node', [probes.probeContainer, probes.dockerChunkUrl]) },
  ];
  let rebuilds = 0;
  const beforeRound = () => {
    if (fx.ensureHello()) rebuilds++;
  };
  const { samples, failures, probe } = await sampleRoundRobin(jobs, { runs: RUNS, warmups: WARMUPS, beforeRound });

  // Results
  const S = Object.fromEntries(jobs.map((j) => [j.id, stats(samples[j.id])]));
  const rows = resultRows(jobs, S, failures);
  const breakdown = computeBreakdown({ S, probe, ...trace });
  const machine = {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    docker: sh('docker', ['version', '--format', '{{.Server.Version}}']).stdout.trim(),
  };
  const report = { runs: RUNS, warmups: WARMUPS, machine, rows, rebuilds, targets: targets(S), breakdown };
  if (opts.json) printJson(report);
  else printReport(report);
}

try {
  await main();
} finally {
  await fx.cleanUp();
}
