// esbuild options shared by the CLI bundle (build.mjs) and the benchmark's minimal Ink app, so both load alike.
import { stringWidthFastPath } from './string-width-fast-path.mjs';

/** CommonJS dependencies (dockerode, ssh2) call require and read __dirname; ES modules have neither. */
export const banner = [
  '#!/usr/bin/env node',
  "import { createRequire as __containerlingsRequire } from 'node:module';",
  "import { fileURLToPath as __containerlingsPath } from 'node:url';",
  "import { dirname as __containerlingsDirname } from 'node:path';",
  'const require = __containerlingsRequire(import.meta.url);',
  'const __filename = __containerlingsPath(import.meta.url);',
  'const __dirname = __containerlingsDirname(__filename);',
].join('\n');

/** ESM for Node 20, with dynamic imports split into chunks that load only when used. */
export const bundleOptions = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: banner },
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  plugins: [stringWidthFastPath],
  logLevel: 'warning',
};
