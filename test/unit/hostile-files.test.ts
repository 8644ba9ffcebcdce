// Given a FIFO, a device or a folder where a learner's text file belongs, when it is read (lint, a check), then
// the reader says so at once: it never blocks on the pipe or reads a device forever.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { readTextIfExists } from '../../src/checks/kit/files.js';
import { lintFile } from '../../src/checks/lint/lint.js';
import { makeDirs } from '../../src/make-dirs.js';

describe('reading a learner file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-files-'));

  it('reads a regular file, and says undefined for a missing one', async () => {
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
    expect(await readTextIfExists(join(dir, 'Dockerfile'))).toBe('FROM scratch\n');
    expect(await readTextIfExists(join(dir, 'nothing'))).toBeUndefined();
  });

  it('refuses a FIFO (lint and checks would block on it), a device and a folder', async () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    await expect(lintFile(fifo, { hadolint: false })).rejects.toThrow(/not a regular file/);
    await expect(readTextIfExists('/dev/urandom')).rejects.toBeInstanceOf(UserError);
    mkdirSync(join(dir, 'folder'));
    await expect(readTextIfExists(join(dir, 'folder'))).rejects.toThrow(/is a folder/);
  }, 10_000);
});

describe('making folders', () => {
  it('makes nested folders, and a place that cannot hold one (/proc) is a UserError at once, not a spin', async () => {
    const base = mkdtempSync(join(tmpdir(), 'cl-dirs-'));
    await makeDirs(join(base, 'a', 'b', 'c'));
    await makeDirs(join(base, 'a', 'b', 'c'));
    expect(statSync(join(base, 'a', 'b', 'c')).isDirectory()).toBe(true);
    await expect(makeDirs('/proc/containerlings-x/y')).rejects.toThrow(
      /Cannot create the folder \/proc\/containerlings-x/,
    );
    await expect(makeDirs('/proc/containerlings-x/y')).rejects.toBeInstanceOf(UserError);
    writeFileSync(join(base, 'file'), 'x');
    await expect(makeDirs(join(base, 'file', 'sub'))).rejects.toThrow(/ENOTDIR/);
  }, 10_000);
});
