// lean-dockerignore: the image runs, holds no secrets or junk, stays small, and its build context is small
// (measured by building a copy of the folder: a RUN rm hides files but they are still sent and stored).
import type { Check } from 'containerlings/kit';

const IMAGE = 'containerlings/lean-ignore';
const BASE = 'containerlings/busybox:latest';
const MAX_ADDED = 1_000_000;
const MAX_CONTEXT = 1_000_000;
const JUNK = ['secrets.env', 'build-cache', 'logs'];
const check: Check = async (kit) => {
  const image = await kit.image(IMAGE);
  if (!image)
    return kit.fail(`There is no image ${IMAGE} yet.`, `Build it in lean-dockerignore/: docker build -t ${IMAGE} .`);
  const base = await kit.image(BASE);
  const added = image.sizeBytes - (base?.sizeBytes ?? 0);
  const evidence: Record<string, string | number> = { image: image.id.slice(7, 19), addedBytes: added };
  if (!kit.isNew(image))
    return kit.fail(
      `${IMAGE} was built before you started this exercise.`,
      `Rebuild it: docker build -t ${IMAGE} .`,
      evidence,
    );

  const run = await kit.run(IMAGE, { timeout: 15 });
  if (run.exitCode !== 0 || !run.stdout.includes('inventory: 3 items')) {
    return kit.fail(
      `The service did not print "inventory: 3 items" (exit ${run.exitCode}): ${(run.stderr.trim() || run.stdout.trim()).slice(0, 200)}`,
      'Your .dockerignore leaves out something the app needs: keep app.sh and data/ in the build context.',
      { ...evidence, exitCode: run.exitCode },
    );
  }
  const listing = await kit.run(IMAGE, { entrypoint: ['ls', '-a'], cmd: ['/app'], timeout: 10 });
  const inside = JUNK.filter((name) => listing.stdout.split(/\s+/).includes(name));
  if (inside.length) {
    return kit.fail(
      '/app in the image still holds ' +
        `${inside.join(', ')}${inside.includes('secrets.env') ? ': anyone who pulls it can read the password' : ''}.`,
      'List them in a .dockerignore next to the Dockerfile (one pattern per line, e.g. build-cache/), then rebuild.',
      evidence,
    );
  }
  if (added > MAX_ADDED) {
    return kit.fail(
      `The files are hidden, but the image is still ${(added / 1e6).toFixed(1)} MB bigger than its base: ` +
        'a later RUN rm cannot take bytes out of the COPY layer.',
      'Keep them out of the build context with .dockerignore instead of deleting them after COPY.',
      evidence,
    );
  }
  const hasIgnoreFile = (await kit.readFile('.dockerignore')) !== undefined;
  const context = await kit.buildCopy('.', {}, async (build) => build.contextBytes);
  if (context !== undefined) evidence.contextBytes = context;
  if (!hasIgnoreFile || (context !== undefined && context > MAX_CONTEXT)) {
    return kit.fail(
      `${hasIgnoreFile ? 'Your .dockerignore still lets' : 'There is no .dockerignore, so'} ` +
        `${context !== undefined ? `${(context / 1e6).toFixed(1)} MB` : 'the whole folder'} go to the engine on every build.`,
      'Add a .dockerignore next to the Dockerfile listing build-cache/, logs/ and *.env.',
      evidence,
    );
  }
  return kit.pass(
    `${IMAGE} runs, holds only what the app needs (${Math.round(added / 1000)} kB over its base), ` +
      `and its build context is ${context !== undefined ? `${(context / 1000).toFixed(1)} kB` : 'small'}.`,
    evidence,
  );
};

export default check;
