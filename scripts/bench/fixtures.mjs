// The private set-up and its clean-up: temp dir, private dist/ build, minimal Ink bundle, workspace, hello image.
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { BASE, HELLO, ROOT, log, mustSh, sh } from './common.mjs';
import { bundleOptions } from '../bundle-options.mjs';

/**
 * Makes the temp dir and stops on SIGINT/SIGTERM after cleaning up. The returned steps run in order: build(),
 * bundleMinimalInk(), makeWorkspace(); then ensureHello() before each round, and cleanUp() at the end.
 */
export async function createFixtures() {
  const tmp = await mkdtemp(join(tmpdir(), 'containerlings-bench-'));
  // A private build of the current sources (scripts/build.mjs run in a folder that links to src, lessons, ...):
  // other sessions may rebuild /work/main/dist while we measure; this copy cannot change under us.
  const APP = join(tmp, 'app');
  const DIST = join(APP, 'dist');
  const CLI = join(DIST, 'cli.js');
  const ws = join(tmp, 'ws');
  const exerciseDir = join(ws, 'first-image');
  let helloBefore; // the image id containerlings/hello had before we started, if any
  let helloBuilt = false;
  let cleaning;

  async function removeAll() {
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
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      cleaning ??= removeAll().finally(() => process.exit(130));
    });
  }

  // --no-cache: a cached build keeps its old creation time, and the check would (rightly) call it stale.
  const buildHello = () => mustSh('docker', ['build', '--no-cache', '-q', '-t', HELLO, '.'], { cwd: exerciseDir });

  return {
    tmp,
    DIST,
    CLI,
    CHUNKS: join(DIST, 'chunks'),
    ws,

    /** The private dist/, and a Docker engine with the sandbox base image. */
    async build() {
      log('Building a private copy of dist/...');
      await mkdir(APP, { recursive: true });
      for (const name of [
        'src',
        'scripts',
        'lessons',
        'exercises',
        'sandbox',
        'node_modules',
        'package.json',
        'tsconfig.json',
      ]) {
        if (existsSync(join(ROOT, name))) await symlink(join(ROOT, name), join(APP, name));
      }
      mustSh('node', [join(ROOT, 'scripts/build.mjs')], { cwd: APP });
      if (!existsSync(CLI)) throw new Error(`The build made no ${CLI}.`);
      if (sh('docker', ['version', '--format', '{{.Server.Version}}']).status !== 0)
        throw new Error('The Docker engine does not answer (`docker version`).');
      if (sh('docker', ['image', 'inspect', BASE]).status !== 0) {
        log(`${BASE} is missing: node dist/cli.js sandbox prepare`);
        mustSh('node', [CLI, 'sandbox', 'prepare'], { stdio: 'inherit' });
      }
    },

    /** The floor Ink app, bundled like the CLI (scripts/build.mjs): esm, node platform, splitting, same banner. */
    async bundleMinimalInk() {
      log('Bundling the minimal Ink app...');
      const inkDir = join(tmp, 'minimal-ink');
      await mkdir(inkDir, { recursive: true });
      await writeFile(join(inkDir, 'package.json'), '{ "type": "module" }\n');
      await build({
        ...bundleOptions,
        entryPoints: { 'minimal-ink': join(ROOT, 'scripts/bench/minimal-ink.tsx') },
        outdir: inkDir,
        external: ['*.node', 'esbuild', 'react-devtools-core'],
      });
      return join(inkDir, 'minimal-ink.js');
    },

    /** A workspace whose first-image holds the solution, and containerlings/hello built after the exercise began. */
    async makeWorkspace() {
      log('Creating a workspace and building containerlings/hello...');
      mustSh('node', [CLI, 'init', ws]);
      await cp(join(ROOT, 'exercises/first-image/solution'), exerciseDir, {
        recursive: true,
        filter: (src) => !src.endsWith('/commands.sh'),
      });
      helloBefore = sh('docker', ['image', 'inspect', '-f', '{{.Id}}', HELLO]).stdout.trim() || undefined;
      helloBuilt = true;
      buildHello();
    },

    /** The engine is shared: a test suite elsewhere may remove containerlings/hello. True if it was rebuilt. */
    ensureHello() {
      if (sh('docker', ['image', 'inspect', HELLO]).status === 0) return false;
      log(`${HELLO} disappeared (removed by someone else?); building it again`);
      buildHello();
      return true;
    },

    cleanUp: () => (cleaning ??= removeAll()),
  };
}
