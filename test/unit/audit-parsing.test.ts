// The offline audit's pure parts: package databases, the user's uid, the tar reader and the surface it yields.
import { execFileSync } from 'node:child_process';
import { chmodSync, createReadStream, mkdirSync, readFileSync, symlinkSync, linkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countApkInstalled, countDpkgStatus, uidFor } from '../../src/checks/audit/package-db.js';
import { attackSurface, AUDIT_FILES, resolve, SHELL_MARKERS } from '../../src/checks/audit/surface.js';
import { readTar, type TarEntry } from '../../src/sandbox/engine/tar-reader.js';
import { ROOT, tempDir } from '../support/cli.js';

const fixture = (name: string) => readFileSync(join(ROOT, 'test/fixtures/audit', name), 'utf8');

describe('package databases', () => {
  it('counts dpkg packages that are installed, not removed or purged ones', () => {
    expect(countDpkgStatus(fixture('dpkg-status'))).toBe(3);
    expect(countDpkgStatus('')).toBe(0);
  });

  it('counts apk packages by their P: lines', () => {
    expect(countApkInstalled(fixture('apk-installed'))).toBe(3);
  });

  it('resolves USER to a uid: numeric, by name in /etc/passwd, root when empty', () => {
    const passwd = 'root:x:0:0:root:/root:/bin/sh\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n';
    expect(uidFor('', passwd)).toBe(0);
    expect(uidFor('nonroot', passwd)).toBe(65532);
    expect(uidFor('1000:1000', undefined)).toBe(1000);
    expect(uidFor('ghost', passwd)).toBeUndefined();
  });
});

describe('symlink resolution', () => {
  const e = (path: string, type: TarEntry['type'], linkname = ''): [string, TarEntry] => [
    path,
    { path, type, mode: 0o755, linkname },
  ];
  const entries = new Map([
    e('/usr', 'dir'),
    e('/usr/bin', 'dir'),
    e('/usr/bin/dash', 'file'),
    e('/usr/bin/sh', 'symlink', 'dash'),
    e('/bin', 'symlink', 'usr/bin'),
    e('/loop', 'symlink', '/loop'),
  ]);

  it('follows a symlinked directory (merged /usr) and a relative link', () => {
    expect(resolve(entries, '/bin/sh')?.path).toBe('/usr/bin/dash');
  });

  it('gives up on loops and missing files', () => {
    expect(resolve(entries, '/loop')).toBeUndefined();
    expect(resolve(entries, '/bin/bash')).toBeUndefined();
  });
});

describe('tar reader and attack surface', () => {
  it('reads modes, links, long PAX names and wanted contents from a real tar', async () => {
    const root = tempDir();
    const fs = join(root, 'fs');
    const long = `usr/share/${'deep-folder-name/'.repeat(8)}file.txt`;
    for (const dir of ['bin', 'etc', 'var/lib/dpkg', 'usr/bin', long.split('/').slice(0, -1).join('/')])
      mkdirSync(join(fs, dir), { recursive: true });
    writeFileSync(join(fs, 'bin/busybox'), 'binary');
    symlinkSync('/bin/busybox', join(fs, 'bin/sh'));
    writeFileSync(join(fs, 'usr/bin/su'), 'su');
    chmodSync(join(fs, 'usr/bin/su'), 0o4755);
    writeFileSync(join(fs, 'usr/bin/chage'), 'chage');
    chmodSync(join(fs, 'usr/bin/chage'), 0o2755);
    linkSync(join(fs, 'bin/busybox'), join(fs, 'usr/bin/dpkg'));
    writeFileSync(join(fs, 'var/lib/dpkg/status'), fixture('dpkg-status'));
    writeFileSync(join(fs, 'etc/passwd'), 'root:x:0:0::/root:/bin/sh\napp:x:10001:10001::/app:/bin/false\n');
    writeFileSync(join(fs, long), 'x'.repeat(1500));
    execFileSync('tar', ['--format=posix', '-cf', join(root, 'fs.tar'), '-C', fs, '.']);

    const listing = await readTar(createReadStream(join(root, 'fs.tar'), { highWaterMark: 700 }), (p) =>
      AUDIT_FILES.has(p),
    );
    expect(listing.entries.get(`/${long}`)?.type).toBe('file');
    expect(listing.entries.get('/bin/sh')).toMatchObject({ type: 'symlink', linkname: '/bin/busybox' });
    expect([...listing.contents.keys()].sort()).toEqual(['/etc/passwd', '/var/lib/dpkg/status']);

    const surface = attackSurface('test/image', 123, 'app', listing);
    expect(surface).toMatchObject({
      packageDb: 'dpkg',
      packages: 3,
      shells: ['/bin/busybox', '/bin/sh'],
      packageManagers: ['dpkg'],
      setuid: ['/usr/bin/su'],
      setgid: ['/usr/bin/chage'],
      uid: 10001,
      runsAsRoot: false,
    });
  });

  it('finds a shell in any folder: by its name, or an executable by its content under another name', async () => {
    const root = tempDir();
    const fs = join(root, 'fs');
    for (const dir of ['usr/local/lib/x', 'tools', 'data']) mkdirSync(join(fs, dir), { recursive: true });
    writeFileSync(join(fs, 'usr/local/lib/x/busybox'), 'binary');
    chmodSync(join(fs, 'usr/local/lib/x/busybox'), 0o755);
    // The marker straddles two reads (highWaterMark 700), and the file is named like nothing in particular.
    writeFileSync(join(fs, 'tools/helper'), `${'x'.repeat(1530)}BusyBox v1.36.1 multi-call binary`);
    chmodSync(join(fs, 'tools/helper'), 0o755);
    writeFileSync(join(fs, 'data/notes.txt'), 'BusyBox v1.36.1, but not a program');
    execFileSync('tar', ['--format=posix', '-cf', join(root, 'fs.tar'), '-C', fs, '.']);
    const listing = await readTar(
      createReadStream(join(root, 'fs.tar'), { highWaterMark: 700 }),
      () => false,
      SHELL_MARKERS,
    );
    expect(attackSurface('x', 0, '', listing).shells).toEqual(['/tools/helper', '/usr/local/lib/x/busybox']);
  });

  it('an empty filesystem has no shell, no package database and runs as root without USER', async () => {
    const surface = attackSurface('scratch-like', 0, '', {
      entries: new Map(),
      contents: new Map(),
      marked: new Map(),
    });
    expect(surface).toMatchObject({
      packageDb: 'none',
      packages: 0,
      shells: [],
      packageManagers: [],
      setuid: [],
      runsAsRoot: true,
    });
  });
});

describe('build context size from the builder output', () => {
  it('reads the classic builder and BuildKit lines, last one wins', async () => {
    const { contextBytes } = await import('../../src/checks/kit/images.js');
    expect(contextBytes('Sending build context to Docker daemon  20.98MB\r\nStep 1/4 : FROM x')).toBe(20_980_000);
    expect(contextBytes('#5 transferring context: 32B done\n#5 transferring context: 2.10kB 0.1s done')).toBe(2100);
    expect(contextBytes('Step 1/1 : FROM scratch')).toBeUndefined();
  });
});
