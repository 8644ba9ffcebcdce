// The offline recipes of base/distroless-static, base/debian and base/toolchain, built under test-only tags
// (so the real base images are left alone), verified from the outside, labelled as stand-ins, and removed.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureImage, loadCatalog, type ImageCatalog } from '../../src/sandbox/images/catalog.js';
import { imageOrigin } from '../../src/sandbox/images/catalog-status.js';
import type { Engine } from '../../src/sandbox/engine/connection.js';
import { ROOT } from '../support/cli.js';
import { docker, dockerOk, requireEngine } from '../support/docker.js';

const suffix = `recipe-test-${process.pid}`;
let engine: Engine;
let catalog: ImageCatalog;
const tags: string[] = [];

beforeAll(async () => {
  engine = await requireEngine();
  const shipped = await loadCatalog(ROOT);
  catalog = Object.fromEntries(
    ['base/distroless-static', 'base/debian', 'base/toolchain'].map((name) => {
      const tag = `containerlings/${name.slice(5)}-${suffix}:test`;
      tags.push(tag);
      return [name, { ...shipped[name], tag }];
    }),
  );
});

afterAll(() => {
  for (const tag of tags) dockerOk('rmi', tag);
});

/** The image's files as `tar -tv` lines, read through `docker export` (the image has no shell to ask). */
function listing(tag: string): string {
  const id = docker('create', '--label', 'io.containerlings.sandbox=test', tag, '/none');
  try {
    return execFileSync('sh', ['-c', `docker export ${id} | tar --numeric-owner -tvf -`], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  } finally {
    dockerOk('rm', id);
  }
}

describe('base/distroless-static offline', () => {
  it('is FROM scratch with nonroot 65532, CA certificates, zoneinfo and a sticky /tmp, and no shell', async () => {
    const tag = catalog['base/distroless-static'].tag;
    expect(await ensureImage(engine, catalog, 'base/distroless-static', () => {}, false)).toBe('built');
    const files = listing(tag);
    expect(files).toMatch(/^drwxrwxrwt 0\/0 .* tmp\/$/m);
    expect(files).toMatch(/ etc\/ssl\/certs\/ca-certificates\.crt$/m);
    expect(files).toMatch(/ usr\/share\/zoneinfo\/Europe\/Paris$/m);
    expect(files).toMatch(/^drwx------ 65532\/65532 .* home\/nonroot\/$/m);
    expect(files).not.toMatch(/ bin\/sh$/m);
    const passwd = execFileSync('sh', [
      '-c',
      `id=$(docker create ${tag} /none); docker cp $id:/etc/passwd -; docker rm $id >/dev/null`,
    ]).toString();
    expect(passwd).toContain('nonroot:x:65532:65532:');
    expect(
      docker(
        'image',
        'inspect',
        '-f',
        '{{index .Config.Labels "io.containerlings.source"}} {{index .Config.Labels "io.containerlings.catalog"}}',
        tag,
      ),
    ).toBe('offline-recipe base/distroless-static');
    expect(await imageOrigin(engine, catalog['base/distroless-static'])).toMatchObject({ state: 'stand-in' });
    expect(await ensureImage(engine, catalog, 'base/distroless-static', () => {}, false)).toBe('present');
  });
});

describe('rootfs recipes (debootstrap + docker import, cached)', () => {
  it('base/debian is Debian 12 with apt, labelled as a stand-in, and comes from the cached tarball', async () => {
    const lines: string[] = [];
    expect(await ensureImage(engine, catalog, 'base/debian', (l) => lines.push(l), false)).toBe('built');
    expect(lines.join('\n')).toMatch(/Importing base\/debian/);
    const tag = catalog['base/debian'].tag;
    expect(
      docker(
        'run',
        '--rm',
        tag,
        'sh',
        '-c',
        'cut -d. -f1 /etc/debian_version; command -v apt-get; ls /var/cache/apt/archives/*.deb 2>/dev/null | wc -l',
      ),
    ).toBe('12\n/usr/bin/apt-get\n0');
    expect(
      docker('image', 'inspect', '-f', '{{index .Config.Labels "io.containerlings.source"}} {{json .Config.Cmd}}', tag),
    ).toBe('offline-recipe ["bash"]');
    // Removed and built again, it is imported from the cache (no debootstrap line the second time).
    docker('rmi', tag);
    const again: string[] = [];
    expect(await ensureImage(engine, catalog, 'base/debian', (l) => again.push(l), false)).toBe('built');
    expect(again.join('\n')).toMatch(/Using the cached root filesystem/);
    expect(again.join('\n')).not.toMatch(/debootstrap/);
  });

  it('base/toolchain compiles a static C program that runs FROM scratch', async () => {
    const tag = catalog['base/toolchain'].tag;
    await ensureImage(engine, catalog, 'base/toolchain', () => {}, false);
    const out = docker(
      'run',
      '--rm',
      tag,
      'sh',
      '-c',
      `printf '#include <stdio.h>\\nint main(void){puts("static ok");return 0;}\\n' > /tmp/t.c && ` +
        'gcc -static -o /tmp/t /tmp/t.c && /tmp/t && (ldd /tmp/t 2>&1 || true)',
    );
    expect(out).toMatch(/^static ok\n.*not a dynamic executable/);
  });
});
