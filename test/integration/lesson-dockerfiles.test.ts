// What a lesson suggests for a Dockerfile must work on the image it names: every ```dockerfile block that starts
// FROM a course image ({{image:...}}) and copies nothing from a build context is built with the course's real base
// image, and when it sets a USER, a container of it starts as that user. (Blocks FROM images that cannot be pulled
// offline, or that COPY files from a context, are illustrations and are not built here.)
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureImage, loadCatalog, type ImageCatalog } from '../../src/sandbox/images/catalog.js';
import { ROOT } from '../support/cli.js';
import { dockerOk, requireEngine } from '../support/docker.js';

interface Block {
  readonly lesson: string;
  readonly line: number;
  readonly text: string;
  readonly image: string;
}

function blocks(): Block[] {
  const out: Block[] = [];
  for (const lesson of readdirSync(join(ROOT, 'lessons'))) {
    const lines = readFileSync(join(ROOT, 'lessons', lesson, 'lesson.md'), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line.trim() !== '```dockerfile') return;
      const end = lines.findIndex((l, j) => j > i && l.trim() === '```');
      const text = lines.slice(i + 1, end).join('\n');
      const image = /^FROM \{\{image:([^}]+)\}\}/.exec(text)?.[1];
      if (image && !/^\s*(COPY|ADD)\s+(?!--from)/m.test(text)) out.push({ lesson, line: i + 1, text, image });
    });
  }
  return out;
}

const found = blocks();
const tag = (n: number) => `containerlings/lesson-block-test:${process.pid}-${n}`;
let catalog: ImageCatalog;

beforeAll(async () => {
  const engine = await requireEngine();
  catalog = await loadCatalog(ROOT);
  for (const image of new Set(found.map((b) => b.image))) await ensureImage(engine, catalog, image);
});

afterAll(() => {
  found.forEach((_, n) => dockerOk('rmi', tag(n)));
});

describe('Dockerfile suggestions in the lessons run on the course images', () => {
  it('finds the non-root user suggestions of lean-images (busybox and Debian)', () => {
    const lean = found.filter((b) => b.lesson === 'lean-images').map((b) => b.image);
    expect(lean).toEqual(expect.arrayContaining(['base/busybox', 'base/debian']));
  });

  it.each(found.map((b, n) => [`${b.lesson}/lesson.md:${b.line} (${b.image})`, b, n] as const))(
    '%s builds, and starts as its USER',
    (_name, block, n) => {
      const dockerfile = block.text.replace(/\{\{image:([^}]+)\}\}/g, (_m, name: string) => catalog[name]!.tag);
      // The legacy builder, from stdin with no context: each RUN runs in the image the block names.
      execFileSync('docker', ['build', '--force-rm', '-q', '-t', tag(n), '-'], {
        input: dockerfile,
        env: { ...process.env, DOCKER_BUILDKIT: '0' },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const user = /^USER\s+(\S+)/m.exec(block.text)?.[1];
      if (!user) return;
      const uid = /^\d+/.exec(user)?.[0];
      const id = execFileSync('docker', ['run', '--rm', '--entrypoint', 'id', tag(n), uid ? '-u' : '-un'], {
        encoding: 'utf8',
      });
      expect(id.trim()).toBe(uid ?? user);
    },
  );
});
