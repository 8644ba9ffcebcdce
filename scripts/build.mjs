// Bundles the CLI into dist/ with esbuild. Dynamic imports become separate chunks, so each command loads
// only what it needs (list/check/doctor never load ink, react or marked).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFile, readFile, rm } from 'node:fs/promises';
import { banner, bundleOptions } from './bundle-options.mjs';

const { version } = JSON.parse(await readFile('package.json', 'utf8'));

await rm('dist', { recursive: true, force: true });
await build({
  ...bundleOptions,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  // Native addons (ssh2's optional crypto) cannot be bundled; esbuild compiles custom courses' checks at run time;
  // react-devtools-core is only loaded by ink when DEV=true.
  external: ['*.node', 'esbuild', 'react-devtools-core'],
  define: { ...bundleOptions.define, CONTAINERLINGS_VERSION: JSON.stringify(version) },
});

// Files the code reads at run time, next to the bundle (see wrapperTemplate in src/sandbox/services/aws-wrapper.ts).
await copyFile('src/sandbox/services/aws-wrapper.sh', 'dist/aws-wrapper.sh');

// Validate the course once now, so the program can skip yaml and zod at start while the content is unchanged;
// and compile the shipped checks, so an install needs no compiler for them (see scripts/compile-checks.ts).
const steps = { 'write-snapshot': 'scripts/write-snapshot.ts', 'compile-checks': 'scripts/compile-checks.ts' };
await build({
  entryPoints: steps,
  outdir: 'dist/.build',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  banner: { js: banner.split('\n').slice(1).join('\n') },
  external: ['*.node', 'esbuild'],
  logLevel: 'warning',
});
try {
  for (const step of Object.keys(steps))
    execFileSync(process.execPath, [`dist/.build/${step}.js`], { stdio: 'inherit' });
} finally {
  await rm('dist/.build', { recursive: true, force: true });
}
