// Backups and volumes described alike: a tar archive (GNU, pax, gzip) read into entries, and a volume's listing
// (as the throw-away container prints it) parsed into the same entries, so that a check can compare them.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { normalPath, parseTar } from '../../src/checks/kit/archive.js';
import { parseVolumeListing } from '../../src/sandbox/engine/volumes.js';

const dir = mkdtempSync(join(tmpdir(), 'cl-storage-'));
const long = `${'deep/'.repeat(25)}file.txt`;
mkdirSync(join(dir, 'data/.settings'), { recursive: true });
mkdirSync(join(dir, 'data', long.replace(/\/file\.txt$/, '')), { recursive: true });
writeFileSync(join(dir, 'data/.settings/app.conf'), 'theme=dark\n', { mode: 0o600 });
writeFileSync(join(dir, 'data', long), 'x');
symlinkSync('.settings/app.conf', join(dir, 'data/link'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tar = (format: string) =>
  execFileSync('tar', [
    `--format=${format}`,
    '--owner=10001',
    '--group=10002',
    '--numeric-owner',
    '-cf',
    '-',
    '-C',
    join(dir, 'data'),
    '.',
  ]);
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('parseTar', () => {
  for (const format of ['gnu', 'pax']) {
    it(`reads a ${format} archive (a 130-character name too): paths without ./, owners, modes, content hashes, symlink targets`, () => {
      const files = parseTar(tar(format));
      const conf = files.find((f) => f.path === '.settings/app.conf');
      expect(conf).toEqual({
        path: '.settings/app.conf',
        type: 'file',
        uid: 10001,
        gid: 10002,
        mode: 0o600,
        size: 11,
        content: sha('theme=dark\n'),
      });
      expect(files.find((f) => f.path === 'link')).toMatchObject({
        type: 'symlink',
        content: '.settings/app.conf',
        mode: 0,
      });
      expect(files.find((f) => f.path === '.settings')).toMatchObject({ type: 'dir', size: 0, content: '' });
      expect(files.find((f) => f.path === long)).toMatchObject({ type: 'file', content: sha('x') });
      expect(files.some((f) => f.path === '')).toBe(false);
    });
  }

  it('refuses what is not a tar archive', () => {
    expect(() => parseTar(Buffer.from('hello'))).toThrow(/not a tar archive/);
    expect(() => parseTar(Buffer.alloc(2048, 'a'))).toThrow(/not a tar archive/);
    expect(() => parseTar(gzipSync(Buffer.alloc(2048, 'a')))).toThrow(/not a tar archive/);
    expect(parseTar(Buffer.alloc(1024))).toEqual([]);
  });

  it('writes paths as a volume listing does', () => {
    expect(['./notes/a.txt', '/data/x/', './', '.', 'notes/'].map(normalPath)).toEqual([
      'notes/a.txt',
      'data/x',
      '',
      '',
      'notes',
    ]);
  });
});

describe('parseVolumeListing', () => {
  it('reads type|uid|gid|mode|size|content|path lines, a | in a name included', () => {
    const listing = [
      `dir|0|0|755|4096||.settings`,
      `file|0|0|600|11|${sha('theme=dark\n')}|.settings/app.conf`,
      'symlink|0|0|777|18|.settings/app.conf|link',
      `file|10001|10001|2644|1|${sha('x')}|odd|name`,
      '',
    ].join('\n');
    const files = parseVolumeListing(listing);
    expect(files.map((f) => [f.path, f.type, f.mode, f.size])).toEqual([
      ['.settings', 'dir', 0o755, 0],
      ['.settings/app.conf', 'file', 0o600, 11],
      ['link', 'symlink', 0, 0],
      ['odd|name', 'file', 0o2644, 1],
    ]);
  });
});
