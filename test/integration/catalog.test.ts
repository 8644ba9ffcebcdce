// The offline path of the image catalog, which is the one CI can take (no image can be pulled there):
// base/busybox built FROM scratch from Debian's static busybox.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  ensureImage,
  loadCatalog,
  type DockerfileRecipe,
  type ImageCatalog,
} from '../../src/sandbox/images/catalog.js';
import type { Engine } from '../../src/sandbox/engine/connection.js';
import { ROOT } from '../support/cli.js';
import { docker, dockerOk, requireEngine } from '../support/docker.js';

const tag = `containerlings/busybox-offline-test:${process.pid}`;
let engine: Engine;
let catalog: ImageCatalog;

beforeAll(async () => {
  engine = await requireEngine();
  const shipped = await loadCatalog(ROOT);
  // The shipped recipe, under a tag of the test's own so the real base image is left alone.
  catalog = { 'base/busybox': { ...shipped['base/busybox'], tag } };
});

afterAll(() => {
  dockerOk('rmi', tag);
});

it('builds base/busybox offline, labels it, and then finds it present', async () => {
  const lines: string[] = [];
  expect(await ensureImage(engine, catalog, 'base/busybox', (l) => lines.push(l), false)).toBe('built');
  expect(lines.join('\n')).toMatch(/Building base\/busybox/);
  expect(docker('run', '--rm', tag, 'sh', '-c', 'echo $((20+22)); id -un; ls /tmp >/dev/null && echo tmp-ok')).toBe(
    '42\nroot\ntmp-ok',
  );
  expect(docker('image', 'inspect', '-f', '{{index .Config.Labels "io.containerlings.catalog"}}', tag)).toBe(
    'base/busybox',
  );
  expect(await ensureImage(engine, catalog, 'base/busybox', () => {}, false)).toBe('present');
});

it('explains what to install when the static busybox is missing', async () => {
  const broken: ImageCatalog = {
    'base/busybox': {
      ...catalog['base/busybox'],
      tag: `${tag}-missing`,
      offline: {
        ...(catalog['base/busybox'].offline as DockerfileRecipe),
        copy: { busybox: ['/nonexistent/busybox'] },
      },
    },
  };
  await expect(ensureImage(engine, broken, 'base/busybox', () => {}, false)).rejects.toMatchObject({
    message: expect.stringMatching(
      /^Cannot build base\/busybox offline: none of \/nonexistent\/busybox is a statically linked program/,
    ),
    next: expect.stringContaining('sudo apt-get install busybox-static'),
  });
});
