// The image catalog: logical base images (base/busybox) resolved to a real image, pulled when possible,
// otherwise built offline from the recipes in sandbox/images/.
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { contentRoot } from '../lessons/course.js';
import { UserError } from '../errors.js';
import { CATALOG_LABEL, isNotFound, onEngine, type Engine } from './engine.js';

export interface CatalogEntry {
  readonly tag: string;
  readonly online: string;
  readonly offline: {
    readonly recipe: string;
    /** Files copied into the build context: name → candidate host paths, first existing wins. */
    readonly copy: Readonly<Record<string, readonly string[]>>;
    /** The Debian package that provides the copied files, for the error message. */
    readonly requires?: string;
  };
}
export type ImageCatalog = Readonly<Record<string, CatalogEntry>>;

/**
 * The catalog of a content folder (sandbox/images/catalog.json), or containerlings' own when the folder
 * has none, so an instructor's course can use the shipped base images. Recipe paths come back absolute.
 */
export async function loadCatalog(root: string): Promise<ImageCatalog> {
  let file = join(root, 'sandbox', 'images', 'catalog.json');
  if (!existsSync(file)) file = join(contentRoot({}), 'sandbox', 'images', 'catalog.json');
  const { z } = await import('zod');
  const Entry = z.object({
    tag: z.string(),
    online: z.string(),
    offline: z.object({ recipe: z.string(), copy: z.record(z.string(), z.array(z.string())).default({}), requires: z.string().optional() }),
  });
  const parsed = z.record(z.string(), Entry).safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(`${file}: ${issue.path.join('.')}: ${issue.message}`, 'Fix the image catalog, then try again.', 'content');
  }
  const images = dirname(file);
  return Object.fromEntries(Object.entries(parsed.data).map(([name, e]) => [name, { ...e, offline: { ...e.offline, recipe: join(images, e.offline.recipe) } }]));
}

export type ImageSource = 'present' | 'pulled' | 'built';

export async function imageExists(engine: Engine, ref: string): Promise<boolean> {
  return onEngine(engine, () =>
    engine.docker.getImage(ref).inspect().then(() => true, (e) => {
      if (isNotFound(e)) return false;
      throw e;
    }),
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
  if (!entry) throw new UserError(`The image catalog has no "${name}".`, `Known images: ${Object.keys(catalog).join(', ')}.`, 'content');
  if (await imageExists(engine, entry.tag)) return 'present';
  if (tryPull) {
    report(`Pulling ${entry.online} for ${name}...`);
    if (await pull(engine, entry.online)) {
      await onEngine(engine, () => engine.docker.getImage(entry.online).tag(splitTag(entry.tag)));
      return 'pulled';
    }
    report(`Could not pull ${entry.online}; building ${name} offline.`);
  }
  await buildOffline(engine, name, entry, report);
  return 'built';
}

/** FROM scratch has no dynamic loader, so only a statically linked binary runs there (no ELF PT_INTERP). */
export function isStaticBinary(path: string): boolean {
  try {
    const elf = readFileSync(path);
    if (elf.readUInt32BE(0) !== 0x7f454c46 || elf[4] !== 2) return false;
    const phoff = Number(elf.readBigUInt64LE(0x20));
    const size = elf.readUInt16LE(0x36);
    const count = elf.readUInt16LE(0x38);
    for (let i = 0; i < count; i++) if (elf.readUInt32LE(phoff + i * size) === 3) return false;
    return true;
  } catch {
    return false;
  }
}

function splitTag(ref: string): { repo: string; tag: string } {
  const at = ref.lastIndexOf(':');
  return at > ref.lastIndexOf('/') ? { repo: ref.slice(0, at), tag: ref.slice(at + 1) } : { repo: ref, tag: 'latest' };
}

async function pull(engine: Engine, ref: string): Promise<boolean> {
  try {
    const stream = await engine.docker.pull(ref);
    await new Promise<void>((resolve, reject) => engine.docker.modem.followProgress(stream, (err) => (err ? reject(err) : resolve())));
    return true;
  } catch {
    return false;
  }
}

async function buildOffline(engine: Engine, name: string, entry: CatalogEntry, report: (line: string) => void) {
  const recipe = entry.offline.recipe;
  const context = await mkdtemp(join(tmpdir(), 'containerlings-build-'));
  try {
    await copyFile(join(recipe, 'Dockerfile'), join(context, 'Dockerfile'));
    for (const [file, candidates] of Object.entries(entry.offline.copy)) {
      const found = candidates.find((c) => existsSync(c) && isStaticBinary(c));
      if (!found) {
        throw new UserError(
          `Cannot build ${name} offline: none of ${candidates.join(', ')} is a statically linked program.`,
          entry.offline.requires ? `Install it: \`sudo apt-get install ${entry.offline.requires}\`, or connect to the internet so ${entry.online} can be pulled.` : undefined,
          'engine',
        );
      }
      await copyFile(found, join(context, file));
    }
    report(`Building ${name} from ${recipe}...`);
    await onEngine(engine, async () => {
      const stream = await engine.docker.buildImage(
        { context, src: ['Dockerfile', ...Object.keys(entry.offline.copy)] },
        { t: entry.tag, labels: JSON.stringify({ [CATALOG_LABEL]: name }), rm: true, forcerm: true } as object,
      );
      await new Promise<void>((resolve, reject) =>
        engine.docker.modem.followProgress(stream, (err, output) => {
          const failed = (output ?? []).find((o: { error?: string }) => o.error);
          if (err || failed) reject(new Error(`building ${name} failed: ${err?.message ?? failed.error}`));
          else resolve();
        }),
      );
    });
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}
