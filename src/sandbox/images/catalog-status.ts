// What doctor says about a catalog image: is it here, is it the real upstream image or a local stand-in built
// from a recipe, and could it be built offline on this machine.
import { existsSync } from 'node:fs';
import { isStaticBinary, type CatalogEntry } from './recipes.js';
import { CATALOG_LABEL, isNotFound, onEngine, SOURCE_LABEL, type Engine } from '../engine/connection.js';
import { rootfsTarball } from './rootfs.js';

export type ImageOrigin =
  { readonly state: 'missing' } | { readonly state: 'upstream' | 'stand-in'; readonly id: string };

/** Built offline images carry io.containerlings.source=offline-recipe; a pulled (real) image cannot. */
export async function imageOrigin(engine: Engine, entry: CatalogEntry): Promise<ImageOrigin> {
  return onEngine(engine, async () => {
    try {
      const info = await engine.docker.getImage(entry.tag).inspect();
      // Builds from before the source label existed still carry the catalog label, which a pull never adds.
      const labels = info.Config?.Labels ?? {};
      const local = labels[SOURCE_LABEL] === 'offline-recipe' || CATALOG_LABEL in labels;
      return { state: local ? 'stand-in' : 'upstream', id: info.Id.replace(/^sha256:/, '').slice(0, 12) };
    } catch (e) {
      if (isNotFound(e)) return { state: 'missing' };
      throw e;
    }
  });
}

/** undefined when the offline recipe can run here; otherwise what is missing, in words. */
export function offlineBlocker(name: string, entry: CatalogEntry): string | undefined {
  const recipe = entry.offline;
  if (recipe.kind === 'rootfs') {
    if (existsSync(rootfsTarball(name, recipe))) return undefined;
    const debootstrap = ['/usr/sbin/debootstrap', '/usr/bin/debootstrap', '/sbin/debootstrap'].some((p) =>
      existsSync(p),
    );
    if (!debootstrap) return 'debootstrap (`sudo apt-get install debootstrap`)';
    if (process.getuid?.() !== 0) return 'root for the first build (`sudo containerlings sandbox up`)';
    return undefined;
  }
  const binaries = Object.values(recipe.copy).every((paths) => paths.some((p) => existsSync(p) && isStaticBinary(p)));
  const files = Object.values(recipe.context).every((paths) => paths.some((p) => existsSync(p)));
  return binaries && files
    ? undefined
    : `${recipe.requires ?? 'files that are missing'} (\`sudo apt-get install ${recipe.requires ?? '...'}\`)`;
}
