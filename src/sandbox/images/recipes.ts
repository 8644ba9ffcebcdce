// The catalog's recipes, as catalog.json declares them, and the one fact about a host file a recipe needs: whether it
// is a static binary. Shared by the catalog, the offline builds and the status report (types and pure code only).
import { readFileSync } from 'node:fs';

/** A Dockerfile in sandbox/images/<recipe>/ plus files from the host copied into its build context. */
export interface DockerfileRecipe {
  readonly kind: 'dockerfile';
  readonly recipe: string;
  /** Statically linked programs copied into the context: name → candidate host paths, first existing wins. */
  readonly copy: Readonly<Record<string, readonly string[]>>;
  /** Other host files or folders copied into the context as they are (CA certificates, zoneinfo...). */
  readonly context: Readonly<Record<string, readonly string[]>>;
  /** Empty folders made in the context with an octal mode ("rootfs/tmp": "1777"): git keeps neither. */
  readonly dirs: Readonly<Record<string, string>>;
  /** The Debian package(s) that provide the copied files, for the error message. */
  readonly requires?: string;
}

/** `debootstrap --variant=<variant> <suite>` into a folder, tarred (and cached), then `docker import`ed. */
export interface RootfsRecipe {
  readonly kind: 'rootfs';
  readonly suite: string;
  readonly variant: string;
  readonly include: readonly string[];
  /** Dockerfile instructions applied on import (CMD, ENV, WORKDIR...). */
  readonly changes: readonly string[];
  readonly requires: string;
}

export interface CatalogEntry {
  readonly tag: string;
  readonly online: string;
  readonly offline: DockerfileRecipe | RootfsRecipe;
}
export type ImageCatalog = Readonly<Record<string, CatalogEntry>>;

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
