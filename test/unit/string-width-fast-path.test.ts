// The bundle's string-width fast path (scripts/string-width-fast-path.mjs) must answer exactly as string-width
// itself does, for every copy of string-width the bundle patches, or the TUI would misalign its columns.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { addFastPath, FAST_PATH, NARROW_SYMBOLS } from '../../scripts/string-width-fast-path.mjs';

/** Every installed copy the plugin patches (ESM, with the ambiguousIsNarrow option): ink's, wrap-ansi's, ... */
const copies = ['node_modules', ...readdirSync('node_modules').map((pkg) => join('node_modules', pkg, 'node_modules'))]
  .map((dir) => join(process.cwd(), dir, 'string-width', 'index.js'))
  .filter((file) => existsSync(file) && readFileSync(file, 'utf8').includes('ambiguousIsNarrow = true'));
type StringWidth = (s: string, options?: { ambiguousIsNarrow?: boolean }) => number;
const load = async (file: string): Promise<StringWidth> => (await import(pathToFileURL(file).href)).default;

describe('the string-width fast path', () => {
  it('finds the copies ink and wrap-ansi use', () => {
    expect(copies.length).toBeGreaterThanOrEqual(2);
  });

  it.each(copies)('%s measures every listed symbol as one column, as the fast path assumes', async (file) => {
    const stringWidth = await load(file);
    for (const symbol of NARROW_SYMBOLS) expect([symbol, stringWidth(symbol)]).toEqual([symbol, 1]);
    const row = '❯ 1. Dockerfiles and images  1/4 exercises passed ✓✘··';
    expect(stringWidth(row)).toBe(row.length);
  });

  it.each(copies)('is added to %s, right after the empty-string return', (file) => {
    const patched = addFastPath(readFileSync(file, 'utf8'));
    expect(patched).toContain(FAST_PATH);
    expect(patched.indexOf(FAST_PATH)).toBeGreaterThan(patched.indexOf('stripAnsi('));
  });

  it('only applies with narrow ambiguous characters, and leaves wide ones to the full path', () => {
    const fast = new RegExp(FAST_PATH.match(/\/(\^.*\$)\/u/)![1]!, 'u');
    expect(fast.test('· … ❯ plain ASCII')).toBe(true);
    expect(fast.test('漢')).toBe(false);
    expect(fast.test('✅')).toBe(false);
    expect(fast.test('\u001b[31m')).toBe(false);
    expect(FAST_PATH).toMatch(/^\tif \(ambiguousIsNarrow && /);
  });

  it('leaves string-width 4 (CommonJS) alone, and fails the build on an unknown shape', () => {
    const old = "'use strict';\nmodule.exports = string => string.length;\n";
    expect(addFastPath(old)).toBe(old);
    expect(() =>
      addFastPath('export default function stringWidth(string, {ambiguousIsNarrow = true} = {}) { return 0; }'),
    ).toThrow(/changed shape/);
  });
});
