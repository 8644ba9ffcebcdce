// Reads an image's filesystem without running it: a labelled container is created (never started), exported
// as a tar stream, and removed. Works for images with no shell at all (distroless, scratch).
import { readTar, type TarListing } from './tar-reader.js';
import { isNotFound, onEngine, SANDBOX_LABEL, type Engine } from './connection.js';

export async function imageFilesystem(
  engine: Engine,
  workspaceId: string,
  image: string,
  wanted: (path: string) => boolean,
  /** Strings to look for in executable files (TarListing.marked). */
  markers: readonly string[] = [],
): Promise<TarListing> {
  return onEngine(engine, async () => {
    // A command is required to create a container from an image without CMD; it never runs.
    const container = await engine.docker.createContainer({
      Image: image,
      Cmd: ['/containerlings-audit'],
      Labels: { [SANDBOX_LABEL]: workspaceId },
      NetworkDisabled: true,
    });
    try {
      const stream = (await container.export()) as unknown as AsyncIterable<Buffer>;
      return await readTar(stream, wanted, markers);
    } finally {
      await container.remove({ force: true, v: true }).catch((e) => {
        if (!isNotFound(e)) throw e;
      });
    }
  });
}
