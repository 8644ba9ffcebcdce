// The kit's storage members: named volumes, what they hold, and tar archives (backups) in the exercise folder,
// all described as the same StoredFile entries so that a check can compare a backup, a volume and its restore.
import type { StorageKit } from './api.js';
import type { KitContext } from './context.js';
import { insideDir } from './files.js';

export function storageKit(ctx: KitContext): StorageKit {
  const volumes = () => import('../../sandbox/engine/volumes.js');
  return {
    volume: async (name) => (await volumes()).volumeFacts(ctx.engine, name),
    volumeFiles: async (name) => (await volumes()).volumeFiles(ctx.engine, ctx.workspaceId, name, ctx.signal),
    archiveFiles: async (file) => (await import('./archive.js')).archiveFiles(insideDir(ctx.dir, file)),
  };
}
