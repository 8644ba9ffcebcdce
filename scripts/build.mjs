// Bundles the CLI into dist/ with esbuild. Dynamic imports become separate chunks, so each command loads
// only what it needs (list/check/doctor never load ink, react or marked).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { banner, bundleOptions } from './bundle-options.mjs';

const { version } = JSON.parse(await readFile('package.json', 'utf8'));

await rm('dist', { recursive: true, force: true });
await build({
  ...bundleOptions,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  // Native addons (ssh2's optional crypto) cannot be bundled; esbuild is used at run time to compile checks;
  // react-devtools-core is only loaded by ink when DEV=true.
  external: ['*.node', 'esbuild', 'react-devtools-core'],
  define: { ...bundleOptions.define, CONTAINERLINGS_VERSION: JSON.stringify(version) },
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
