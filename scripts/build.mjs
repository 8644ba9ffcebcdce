// Bundles the CLI into dist/ with esbuild. Dynamic imports become separate chunks, so each command loads
// only what it needs (list/check/doctor never load ink, react or marked).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';

const { version } = JSON.parse(await readFile('package.json', 'utf8'));

const banner = [
  '#!/usr/bin/env node',
  // CommonJS dependencies (dockerode, ssh2) call require and read __dirname; ES modules have neither.
  "import { createRequire as __containerlingsRequire } from 'node:module';",
  "import { fileURLToPath as __containerlingsPath } from 'node:url';",
  "import { dirname as __containerlingsDirname } from 'node:path';",
  'const require = __containerlingsRequire(import.meta.url);',
  'const __filename = __containerlingsPath(import.meta.url);',
  'const __dirname = __containerlingsDirname(__filename);',
].join('\n');

await rm('dist', { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: banner },
  // Native addons (ssh2's optional crypto) cannot be bundled; esbuild is used at run time to compile checks;
  // react-devtools-core is only loaded by ink when DEV=true.
  external: ['*.node', 'esbuild', 'react-devtools-core'],
  define: { 'process.env.NODE_ENV': '"production"', CONTAINERLINGS_VERSION: JSON.stringify(version) },
  legalComments: 'none',
  logLevel: 'warning',
});

// Validate the course once now, so the program can skip yaml and zod at start while the content is unchanged.
await build({
  entryPoints: ['scripts/write-snapshot.ts'],
  outfile: 'dist/.write-snapshot.mjs',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  banner: { js: banner.split('\n').slice(1).join('\n') },
  external: ['*.node'],
  logLevel: 'warning',
});
try {
  execFileSync(process.execPath, ['dist/.write-snapshot.mjs'], { stdio: 'inherit' });
} finally {
  await rm('dist/.write-snapshot.mjs', { force: true });
}
