// Which dist modules each command loads (a resolve hook, one untimed run each), and the probes that time them.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ENV, HELLO, q, runToExit } from './common.mjs';
import { runToFrame } from './pty.mjs';

/**
 * Runs the TUI (until `listText` shows) and the check once each with the hook; returns the dist modules each
 * loads beyond the entry (cli.js and its static imports, timed as `--version`; the probes load them first).
 */
export async function traceModules({ tmp, DIST, CLI, ws }, { listText, checkArgs }) {
  const hooks = await writeHooks(tmp, DIST);
  const env = { ...ENV, BENCH_TRACE: hooks.tuiLog };
  const traced = await runToFrame(`node --import ${q(hooks.register)} ${q(CLI)} --workspace ${q(ws)}`, listText, {
    cwd: tmp,
    env,
  });
  const tuiModules = readTrace(hooks.tuiLog, traced.frameAt);
  if (traced.ms === undefined)
    throw new Error(`The TUI never showed "${listText}" on a terminal. Its output:\n${traced.output}`);
  await runToExit('node', ['--import', hooks.register, ...checkArgs], { cwd: tmp });
  const checkModules = readTrace(hooks.checkLog, Infinity);
  const entryUrls = [pathToFileURL(CLI).href, ...cliStaticImports(CLI)];
  const notEntry = (m) => !entryUrls.includes(m.url);
  return {
    entryUrls,
    entryDeps: entryUrls.slice(1),
    tuiBeforeFrame: tuiModules.filter((m) => m.beforeFrame && notEntry(m)).map((m) => m.url),
    tuiAfterFrame: tuiModules.filter((m) => !m.beforeFrame && notEntry(m)).map((m) => m.url),
    checkUrls: checkModules.filter(notEntry).map((m) => m.url),
  };
}

/**
 * Probes for the breakdown: import costs in a fresh process (incremental, in load order), and the check's
 * container work done the way the check does it (dockerode, in-process).
 */
export async function writeProbes({ tmp, CHUNKS }) {
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
  return { probeImports, probeContainer, dockerChunkUrl: pathToFileURL(join(CHUNKS, dockerChunk)).href };
}

/** A resolve hook that records which dist modules load and when (epoch ms); used once per command, not timed. */
async function writeHooks(tmp, DIST) {
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
  if (file && r.url.startsWith(${JSON.stringify(pathToFileURL(DIST).href + '/')})) ` +
      `appendFileSync(file, (performance.timeOrigin + performance.now()) + ' ' + r.url + '\\n');
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
function cliStaticImports(CLI) {
  const text = readFileSync(CLI, 'utf8');
  return [...text.matchAll(/^import\s+(?:[^;]*?\s+from\s+)?"(\.\/chunks\/[^"]+)";?$/gm)].map(
    (m) => new URL(m[1], pathToFileURL(CLI)).href,
  );
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

/** The check's container work (src/sandbox/engine/containers.ts runThrowaway), timed in-process. */
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
