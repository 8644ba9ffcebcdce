// `npx containerlings` / `npm i -g containerlings` install the packed tarball with production dependencies
// only, into a machine with empty caches. Given that install, the shipped course's checks run from their copies
// compiled at build time (with the compiler taken away), and an edited check is compiled by the esbuild that
// came as a production dependency, or says plainly that the compiler is missing.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, STACK_FRAME, tempDir, type CliResult } from '../support/cli.js';
import { requireEngine } from '../support/docker.js';

const NAMESPACE_EXERCISES = ['ns-share-drop', 'ns-pid-one', 'ns-hostname'];
const base = tempDir('containerlings-packed-');
const prefix = join(base, 'prefix');
const installed = join(prefix, 'node_modules', 'containerlings');
const bin = join(prefix, 'node_modules', '.bin', 'containerlings');
const esbuild = join(prefix, 'node_modules', 'esbuild');
const caches = { XDG_CACHE_HOME: join(base, 'cache'), TMPDIR: join(base, 'tmp') };
let tarball = '';
let files: string[] = [];

/** Runs the installed binary as a learner would: its own caches, no content override. */
function runInstalled(args: string[], cwd: string): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env, ...caches, NO_COLOR: '1' };
  delete env.CONTAINERLINGS_CONTENT;
  try {
    return {
      code: 0,
      stdout: execFileSync(bin, args, {
        cwd,
        env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 600_000,
      }),
      stderr: '',
    };
  } catch (e) {
    const err = e as { status: number | null; stdout: string; stderr: string };
    return { code: err.status ?? -1, stdout: err.stdout, stderr: err.stderr };
  }
}

/** Files compiled at run time, in either cache folder the runner may use. */
function runtimeCompiled(): string[] {
  const dirs = [join(caches.XDG_CACHE_HOME, 'containerlings', 'checks'), join(caches.TMPDIR, 'containerlings-checks')];
  return dirs.flatMap((d) => (existsSync(d) ? readdirSync(d) : []));
}

beforeAll(async () => {
  await requireEngine();
  for (const dir of [prefix, caches.XDG_CACHE_HOME, caches.TMPDIR]) mkdirSync(dir, { recursive: true });
  // The package holds dist/ as `npm test` built it (the bundle, the course snapshot, the compiled checks). Its
  // prepack would build dist/ again, and that rewrite, while the other engines' self-tests run beside this file
  // from the same dist/, once took a compiled check away from under them: pack without scripts.
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/ is not built: run `npm run build` first.');
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', base], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  tarball = join(
    base,
    readdirSync(base).find((f) => f.endsWith('.tgz'))!,
  );
  files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })
    .trim()
    .split('\n');
  execFileSync(
    'npm',
    ['install', '--omit=dev', '--no-audit', '--no-fund', '--cache', join(base, 'npm-cache'), tarball],
    {
      cwd: prefix,
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 600_000,
    },
  );
}, 900_000);

// The install is a few hundred MB.
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('the packed tarball', () => {
  it('holds the program, the course and its compiled checks, and nothing from tests or workspaces', () => {
    const top = new Set(files.map((f) => f.split('/')[1]));
    expect([...top].sort()).toEqual([
      'README.md',
      'course.yaml',
      'dist',
      'exercises',
      'lessons',
      'package.json',
      'sandbox',
      'schemas',
      'src',
    ]);
    // From src/, only the kit's manual and the engine types it re-exports: what `containerlings/kit` names.
    expect(files.filter((f) => f.startsWith('package/src/')).sort()).toEqual([
      'package/src/checks/kit/api.ts',
      'package/src/sandbox/engine/types.ts',
    ]);
    expect(files).toContain('package/dist/checks/manifest.json');
    for (const id of NAMESPACE_EXERCISES) expect(files).toContain(`package/dist/checks/${id}.mjs`);
    expect(files.filter((f) => /containerlings-workspace|node_modules|\.tmp$|\/\.build\//.test(f))).toEqual([]);
    expect(statSync(tarball).size).toBeLessThan(5 * 1024 * 1024);
  });

  it('installs esbuild as a production dependency (custom courses compile their checks where they run)', () => {
    expect(existsSync(join(esbuild, 'package.json'))).toBe(true);
  });
});

describe('installed with production dependencies only, with empty caches', () => {
  it('init, then the namespaces self-test passes with the compiler taken away: shipped checks come from dist/', () => {
    const home = join(base, 'learner');
    mkdirSync(home);
    const init = runInstalled(['init'], home);
    expect(init.code, init.stderr).toBe(0);
    renameSync(esbuild, `${esbuild}.hidden`);
    try {
      const run = runInstalled(['selftest', ...NAMESPACE_EXERCISES, '--json'], home);
      const report = JSON.parse(run.stdout) as {
        attempts: { exercise: string; ok: boolean; message: string }[];
        leftovers: Record<string, number>;
      };
      expect(
        report.attempts.filter((a) => !a.ok),
        run.stderr,
      ).toEqual([]);
      expect(new Set(report.attempts.map((a) => a.exercise))).toEqual(new Set(NAMESPACE_EXERCISES));
      expect(run.code).toBe(0);
      expect(report.leftovers).toEqual({ containers: 0, images: 0, networks: 0, volumes: 0 });
      expect(runtimeCompiled()).toEqual([]);
    } finally {
      renameSync(`${esbuild}.hidden`, esbuild);
    }
  }, 900_000);

  it('an edited check says the compiler is missing when it is, and is compiled by the installed esbuild when it is there', () => {
    const workspace = join(base, 'learner', 'containerlings-workspace');
    appendFileSync(join(installed, 'exercises', 'ns-hostname', 'check.ts'), '\n// edited after the build\n');
    renameSync(esbuild, `${esbuild}.hidden`);
    let missing: CliResult;
    try {
      missing = runInstalled(['check', 'ns-hostname'], workspace);
    } finally {
      renameSync(`${esbuild}.hidden`, esbuild);
    }
    expect(missing.code).toBe(2);
    expect(missing.stdout + missing.stderr).toMatch(/the compiler \(esbuild\) cannot be loaded/);
    expect(missing.stdout + missing.stderr).toMatch(/Reinstall containerlings/);
    expect(missing.stdout + missing.stderr).not.toMatch(STACK_FRAME);

    // The learner has not done the exercise: a fail (the check ran), not an error.
    const compiled = runInstalled(['check', 'ns-hostname'], workspace);
    expect(compiled.code, compiled.stdout + compiled.stderr).toBe(1);
    expect(runtimeCompiled()).toEqual([expect.stringMatching(/^ns-hostname-[0-9a-f]{16}\.mjs$/)]);
  }, 300_000);
});
