// Startup speed is a feature: commands other than the TUI must not load ink, react or marked.
// The bundle keeps esbuild's "// node_modules/<pkg>/..." comments, so a loaded chunk tells what it holds.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ROOT, tempDir } from '../support/cli.js';

const ROOT_COPY = tempDir('containerlings-content-');
for (const part of ['lessons', 'exercises', 'sandbox'])
  cpSync(join(ROOT, part), join(ROOT_COPY, part), { recursive: true });
writeFileSync(join(ROOT_COPY, 'package.json'), '{}');

// A workspace, so that check gets as far as the engine (which is unreachable here: only loading matters).
const ws = `${tempDir()}/ws`;
execFileSync(process.execPath, [CLI, 'init', ws], {
  env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent.sock' },
  stdio: 'ignore',
});

const recorder = `
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`
  import { appendFileSync } from 'node:fs';
  export async function load(url, context, next) {
    if (url.startsWith('file:')) appendFileSync(process.env.LOADED_LOG, url + '\\\\n');
    return next(url, context);
  }\`));
`;

function packagesLoadedBy(args: string[], env: NodeJS.ProcessEnv = {}): Set<string> {
  const log = `${tempDir()}/loaded.txt`;
  try {
    execFileSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(recorder)}`, CLI, ...args], {
      cwd: ws,
      env: { ...process.env, LOADED_LOG: log, DOCKER_HOST: 'unix:///nonexistent.sock', ...env },
      stdio: 'ignore',
    });
  } catch {
    /* exit codes don't matter here, only what was loaded */
  }
  const packages = new Set<string>();
  for (const url of readFileSync(log, 'utf8').split('\n').filter(Boolean)) {
    const text = readFileSync(fileURLToPath(url), 'utf8');
    for (const m of text.matchAll(/^\/\/ (?:\S*\/)?node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)) packages.add(m[1]);
  }
  return packages;
}

describe('lazy loading in the bundle', () => {
  it.each([
    ['list'],
    ['check', 'first-image'],
    ['doctor'],
    ['--help'],
    // Instructor and grading commands (issue 6): each gets as far as its first real work.
    ['check', '--all'],
    ['submit', '--out', `${tempDir()}/out`],
    ['report', ROOT],
    ['verify', tempDir()],
    ['workshop', 'init', `${tempDir()}/w.yaml`],
    ['selftest', '--workshop', `${tempDir()}/none.yaml`],
    ['sandbox', 'pack', `${tempDir()}/room.tar`],
    ['doctor', '--workshop', `${tempDir()}/none.yaml`],
    // Lean-images tools (issue 3): the linter and the offline audit.
    ['lint', join(ROOT, 'exercises/lean-cache-order/starter')],
    ['audit', 'containerlings/busybox:latest'],
    // The authoring kit (issue 16).
    ['dev', 'check', tempDir()],
    ['dev', 'new', 'exercise', 'x', '--lesson', 'none'],
  ])('`%s` loads no ink, react or marked', (...args) => {
    const loaded = packagesLoadedBy(args);
    for (const heavy of ['ink', 'react', 'marked', 'marked-terminal', 'yoga-layout'])
      expect(loaded, `loaded ${[...loaded].join(', ')}`).not.toContain(heavy);
  });

  it('with the build-time course snapshot, `list` validates nothing again: no yaml, no zod', () => {
    const loaded = packagesLoadedBy(['list']);
    expect(loaded).not.toContain('yaml');
    expect(loaded).not.toContain('zod');
  });

  it('the recorder sees packages (so the test above can fail)', () => {
    // Content without a build-time snapshot is validated: yaml and zod load.
    const loaded = packagesLoadedBy(['list'], { CONTAINERLINGS_CONTENT: ROOT_COPY });
    expect(loaded).toContain('yaml');
    expect(loaded).toContain('zod');
    expect(packagesLoadedBy(['doctor'])).toContain('dockerode');
    expect(packagesLoadedBy(['check', 'first-image'])).toContain('dockerode');
    // Four runs of the real binary: more than vitest's 5 s on a loaded 2-core machine.
  }, 30_000);
});
