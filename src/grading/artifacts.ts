// What an exercise's declared images are on the engine: id, size, creation time and registry digests.
// A grader compares these across students and with what verify pulls from the class registry.
import type { Engine } from '../sandbox/engine/connection.js';
import { imageFacts } from '../sandbox/engine/facts.js';

export interface ImageArtifact {
  readonly ref: string;
  /** The image id (the digest of its config): identical images have identical ids on any engine. */
  readonly id: string;
  readonly sizeBytes: number;
  readonly created: string;
  /** repo@sha256:... for every registry the image was pushed to or pulled from. */
  readonly repoDigests: readonly string[];
}

export async function imageArtifacts(engine: Engine, refs: readonly string[]): Promise<ImageArtifact[]> {
  const out: ImageArtifact[] = [];
  for (const ref of refs) {
    // A missing image is not evidence of anything; the check's own message says it is missing.
    const image = await imageFacts(engine, ref);
    if (image)
      out.push({
        ref,
        id: image.id,
        sizeBytes: image.sizeBytes,
        created: image.created.toISOString(),
        repoDigests: image.repoDigests,
      });
  }
  return out;
}
