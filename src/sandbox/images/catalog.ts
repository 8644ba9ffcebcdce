// The image catalog: logical base images (base/busybox) resolved to a real image, pulled when possible,
// otherwise built offline from a recipe: a Dockerfile in sandbox/images/, or a debootstrapped Debian rootfs.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { contentRoot } from '../../lessons/course.js';
import { UserError } from '../../errors.js';
import { isNotFound, onEngine, type Engine } from '../engine/connection.js';
import type { ImageCatalog } from './recipes.js';

export type { CatalogEntry, DockerfileRecipe, ImageCatalog, RootfsRecipe } from './recipes.js';
export { isStaticBinary } from './recipes.js';

/**
 * The catalog of a content folder (sandbox/images/catalog.json), or containerlings' own when the folder
 * has none, so an instructor's course can use the shipped base images. Recipe paths come back absolute.
 */
export async function loadCatalog(root: string): Promise<ImageCatalog> {
  let file = join(root, 'sandbox', 'images', 'catalog.json');
  if (!existsSync(file)) file = join(contentRoot({}), 'sandbox', 'images', 'catalog.json');
  const { z } = await import('zod');
  const paths = z.record(z.string(), z.array(z.string())).default({});
  const Dockerfile = z.object({
    kind: z.literal('dockerfile').default('dockerfile'),
    recipe: z.string(),
    copy: paths,
    context: paths,
    dirs: z.record(z.string(), z.string().regex(/^[0-7]{3,4}$/)).default({}),
    requires: z.string().optional(),
  });
  const Rootfs = z.object({
    kind: z.literal('rootfs'),
    suite: z.string(),
    variant: z.string().default('minbase'),
    include: z.array(z.string()).default([]),
    changes: z.array(z.string()).default([]),
    requires: z.string().default('debootstrap'),
  });
  const Entry = z.object({ tag: z.string(), online: z.string(), offline: z.union([Rootfs, Dockerfile]) });
  const parsed = z.record(z.string(), Entry).safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(
      `${file}: ${issue.path.join('.')}: ${issue.message}`,
      'Fix the image catalog, then try again.',
      'content',
    );
  }
  const images = dirname(file);
  return Object.fromEntries(
    Object.entries(parsed.data).map(([name, e]) => [
      name,
      e.offline.kind === 'rootfs' ? e : { ...e, offline: { ...e.offline, recipe: join(images, e.offline.recipe) } },
    ]),
  ) as ImageCatalog;
}

export type ImageSource = 'present' | 'pulled' | 'built';

export async function imageExists(engine: Engine, ref: string): Promise<boolean> {
  return onEngine(engine, () =>
    engine.docker
      .getImage(ref)
      .inspect()
      .then(
        () => true,
        (e) => {
          if (isNotFound(e)) return false;
          throw e;
        },
      ),
  );
}

/** Makes sure the logical image exists locally; returns how. Pulls only when `tryPull` (off with CONTAINERLINGS_OFFLINE=1). */
export async function ensureImage(
  engine: Engine,
  catalog: ImageCatalog,
  name: string,
  report: (line: string) => void = () => {},
  tryPull = process.env.CONTAINERLINGS_OFFLINE !== '1',
): Promise<ImageSource> {
  const entry = catalog[name];
  if (!entry)
    throw new UserError(
      `The image catalog has no "${name}".`,
      `Known images: ${Object.keys(catalog).join(', ')}.`,
      'content',
    );
  if (await imageExists(engine, entry.tag)) return 'present';
  if (tryPull) {
    report(`Pulling ${entry.online} for ${name}...`);
    if (await pull(engine, entry.online)) {
      await onEngine(engine, () => engine.docker.getImage(entry.online).tag(splitTag(entry.tag)));
      return 'pulled';
    }
    report(`Could not pull ${entry.online}; building ${name} offline.`);
  }
  if (entry.offline.kind === 'rootfs') {
    const { buildFromRootfs } = await import('./rootfs.js');
    await buildFromRootfs(engine, name, entry.tag, entry.offline, report);
  } else {
    const { buildFromDockerfile } = await import('./offline-build.js');
    await buildFromDockerfile(engine, name, entry.tag, entry.online, entry.offline, report);
  }
  return 'built';
}

/** The catalog images these lessons use (logical names, each once). */
export function lessonImages(lessons: readonly { readonly images: readonly string[] }[]): string[] {
  return [...new Set(lessons.flatMap((l) => l.images))];
}

/** Makes sure each of the logical images exists (pulled or built offline), one after the other; returns how. */
export async function ensureImages(
  engine: Engine,
  root: string,
  names: readonly string[],
  report?: (line: string) => void,
): Promise<Record<string, ImageSource>> {
  const catalog = await loadCatalog(root);
  const out: Record<string, ImageSource> = {};
  for (const name of names) out[name] = await ensureImage(engine, catalog, name, report);
  return out;
}

export function splitTag(ref: string): { repo: string; tag: string } {
  const at = ref.lastIndexOf(':');
  return at > ref.lastIndexOf('/') ? { repo: ref.slice(0, at), tag: ref.slice(at + 1) } : { repo: ref, tag: 'latest' };
}

async function pull(engine: Engine, ref: string): Promise<boolean> {
  try {
    const stream = await engine.docker.pull(ref);
    await new Promise<void>((resolve, reject) =>
      engine.docker.modem.followProgress(stream, (err) => (err ? reject(err) : resolve())),
    );
    return true;
  } catch {
    return false;
  }
}
