// Checks load from the build's compiled copy while check.ts is unchanged, else compile into a cache; every
// failure to compile or load says what happened and what to do.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANIFEST, sourceDigest } from '../../src/checks/compile.js';
import { loadCheck } from '../../src/checks/load-check.js';
import type { Exercise } from '../../src/lessons/course.js';
import type { CheckKit, CheckResult } from '../../src/checks/kit/api.js';
import { ROOT, tempDir } from '../support/cli.js';

const checkSource = (message: string) =>
  `import type { Kit, CheckResult } from '../types';\n` +
  `export default async function check(_kit: Kit): Promise<CheckResult> {\n` +
  `  return { outcome: 'pass', message: ${JSON.stringify(message)}, evidence: {} };\n}\n`;

/** An exercise with only what loading reads: its id and check.ts. */
function exerciseWith(source: string): Exercise {
  const dir = tempDir('containerlings-check-');
  writeFileSync(join(dir, 'check.ts'), source);
  return { id: `ex-${Date.now()}-${Math.random().toString(36).slice(2)}`, check: join(dir, 'check.ts') } as Exercise;
}

/** A dist/checks/ whose compiled module for `source` answers `message`, so a test can tell which copy ran. */
function shippedFor(source: string, message: string): string {
  const dir = tempDir('containerlings-shipped-');
  writeFileSync(
    join(dir, 'shipped.mjs'),
    `export default async () => ({ outcome: 'pass', message: ${JSON.stringify(message)}, evidence: {} });\n`,
  );
  writeFileSync(join(dir, MANIFEST), JSON.stringify({ [sourceDigest(source)]: 'shipped.mjs' }));
  return dir;
}

const message = async (check: (kit: CheckKit) => Promise<CheckResult>) => (await check({} as CheckKit)).message;

describe('loading a check', () => {
  it('uses the copy compiled at build time while check.ts is unchanged, and compiles nothing', async () => {
    const source = checkSource('from source');
    const caches = [join(tempDir(), 'cache')];
    const check = await loadCheck(exerciseWith(source), { shipped: shippedFor(source, 'from the build'), caches });
    expect(await message(check)).toBe('from the build');
    expect(() => readdirSync(caches[0]!)).toThrow(/ENOENT/);
  });

  it('compiles an edited check.ts instead of using the stale build copy', async () => {
    const shipped = shippedFor(checkSource('as built'), 'from the build');
    const caches = [join(tempDir(), 'cache')];
    const check = await loadCheck(exerciseWith(checkSource('edited after the build')), { shipped, caches });
    expect(await message(check)).toBe('edited after the build');
    expect(readdirSync(caches[0]!)).toHaveLength(1);
  });

  it('says which cache folders were tried and what to set when none is writable', async () => {
    const blocker = join(tempDir(), 'a-file');
    writeFileSync(blocker, '');
    const caches = [join(blocker, 'xdg'), join(blocker, 'tmp')];
    const load = loadCheck(exerciseWith(checkSource('x')), { shipped: tempDir(), caches });
    await expect(load).rejects.toMatchObject({
      message: expect.stringMatching(
        /no cache folder is writable\. Tried .*a-file\/xdg \(ENOTDIR\), .*a-file\/tmp \(ENOTDIR\)/,
      ),
      next: expect.stringContaining('XDG_CACHE_HOME'),
    });
  });

  it('refuses a check that imports a module at run time', async () => {
    const source = `import { sep } from 'path';\nexport const separator = sep;\n${checkSource('x')}`;
    await expect(loadCheck(exerciseWith(source), { caches: [tempDir()] })).rejects.toThrow(
      /imports a module at run time/,
    );
  });

  it('names the line of a check that does not compile', async () => {
    await expect(loadCheck(exerciseWith('export default async function (\n'), { caches: [tempDir()] })).rejects.toThrow(
      /check\.ts:\d+: /,
    );
  });

  it('says a check whose top-level code throws failed to load, with the file', async () => {
    const exercise = exerciseWith(`throw new Error('boom at load');\n${checkSource('x')}`);
    await expect(loadCheck(exercise, { caches: [tempDir()] })).rejects.toThrow(
      /failed to load from .*\.mjs: boom at load/,
    );
  });
});

describe('the build', () => {
  it('compiled every shipped check, keyed by the sha256 of its check.ts', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'dist', 'checks', MANIFEST), 'utf8')) as Record<string, string>;
    for (const id of readdirSync(join(ROOT, 'exercises'))) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(join(ROOT, 'exercises', id, 'check.ts'));
      } catch {
        continue;
      }
      expect(manifest[sourceDigest(bytes)], id).toBe(`${id}.mjs`);
    }
  });
});
