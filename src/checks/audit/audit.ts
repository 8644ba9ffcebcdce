// The offline attack-surface audit of an image: its filesystem (exported, never run) and its configured user.
import { UserError } from '../../errors.js';
import type { Engine } from '../../sandbox/engine/connection.js';
import { imageFilesystem } from '../../sandbox/engine/image-filesystem.js';
import { imageFacts } from '../../sandbox/engine/facts.js';
import type { AttackSurface } from '../kit/api.js';
import { attackSurface, AUDIT_FILES, SHELL_MARKERS } from './surface.js';

export async function auditImage(engine: Engine, workspaceId: string, image: string): Promise<AttackSurface> {
  const facts = await imageFacts(engine, image);
  if (!facts)
    throw new UserError(
      `There is no image ${image} on this engine.`,
      `Build it (docker build -t ${image} .) or pull it, then audit it again.`,
      'usage',
    );
  const listing = await imageFilesystem(engine, workspaceId, image, (path) => AUDIT_FILES.has(path), SHELL_MARKERS);
  return attackSurface(image, facts.sizeBytes, facts.user, listing);
}
