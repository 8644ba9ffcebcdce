// lean-dockerignore: the image runs, holds no secrets or junk, stays small, and what a build sends to the engine
// holds none of them either: judged by building a copy of the folder with one more line that copies the whole build
// context into the image, and listing it (a RUN rm, or a COPY of fewer files, hides files that are still sent).
import type { Check, CheckKit } from 'containerlings/kit';

const IMAGE = 'containerlings/lean-ignore';
const BASE = 'containerlings/busybox:latest';
const MAX_ADDED = 1_000_000;
const MAX_CONTEXT = 1_000_000;
const JUNK = ['secrets.env', 'build-cache', 'logs'];
/** Where the probe build puts its copy of the build context. */
const PROBE_DIR = '/cl-build-context-probe';

interface Sent {
  bytes?: number;
  /** The junk the build context held (secrets.env, build-cache/..., logs/...); undefined when it could not be listed. */
  junk?: string[];
}

/** What a build of this folder sends to the engine: its size, and which junk files are in it. */
async function whatIsSent(kit: CheckKit): Promise<Sent> {
  const probe = { Dockerfile: `\nCOPY . ${PROBE_DIR}/\n` };
  return kit.buildCopy('.', { append: probe }, async (build) => {
    if (!build.ok || !build.id) return { bytes: build.contextBytes };
    const found = await kit.run(build.id, {
      entrypoint: ['find'],
      cmd: [PROBE_DIR, '-type', 'f'],
      user: '0',
      timeout: 15,
    });
    if (found.exitCode !== 0) return { bytes: build.contextBytes };
    const files = found.stdout.split('\n').map((f) => f.slice(PROBE_DIR.length + 1));
    const junk = JUNK.filter((name) => files.some((f) => f === name || f.startsWith(`${name}/`)));
    return { bytes: build.contextBytes, junk };
  });
}

const check: Check = async (kit) => {
  const image = await kit.image(IMAGE);
  if (!image)
    return kit.diagnose(
      'not-built',
      `There is no image ${IMAGE} yet.`,
      `Build it in lean-dockerignore/: docker build -t ${IMAGE} .`,
    );
  const base = await kit.image(BASE);
  const added = image.sizeBytes - (base?.sizeBytes ?? 0);
  const evidence: Record<string, string | number> = { image: image.id.slice(7, 19), addedBytes: added };
  if (!kit.isNew(image))
    return kit.diagnose(
      'built-before-start',
      `${IMAGE} was built before you started this exercise.`,
      `Rebuild it: docker build -t ${IMAGE} .`,
      evidence,
    );

  const run = await kit.run(IMAGE, { timeout: 15 });
  if (run.exitCode !== 0 || !run.stdout.includes('inventory: 3 items')) {
    return kit.diagnose(
      'app-left-out',
      `The service did not print "inventory: 3 items" (exit ${run.exitCode}): ` +
        `${(run.stderr.trim() || run.stdout.trim()).slice(0, 200) || '(nothing)'}`,
      'The app needs app.sh and data/ in the image: no pattern in .dockerignore may match them ' +
        '(a lone * leaves out everything). Keep COPY . . and the CMD, and rebuild.',
      { ...evidence, exitCode: run.exitCode },
    );
  }
  const listing = await kit.run(IMAGE, { entrypoint: ['ls', '-a'], cmd: ['/app'], timeout: 10 });
  const inside = JUNK.filter((name) => listing.stdout.split(/\s+/).includes(name));
  if (inside.length) {
    return kit.diagnose(
      'junk-in-image',
      '/app in the image still holds ' +
        `${inside.join(', ')}${inside.includes('secrets.env') ? ': anyone who pulls it can read the password' : ''}.`,
      'List them in a .dockerignore next to the Dockerfile (one pattern per line, e.g. build-cache/), then rebuild.',
      evidence,
    );
  }
  if (added > MAX_ADDED) {
    return kit.diagnose(
      'junk-hidden-not-ignored',
      `No junk is to be seen in /app, but the image is still ${(added / 1e6).toFixed(1)} MB bigger than its base: ` +
        'the bytes of files a later RUN rm deletes stay in the COPY layer that brought them.',
      'Keep them out of the build context with .dockerignore instead of deleting them after COPY.',
      evidence,
    );
  }
  const hasIgnoreFile = (await kit.readFile('.dockerignore')) !== undefined;
  const sent = await whatIsSent(kit);
  if (sent.bytes !== undefined) evidence.contextBytes = sent.bytes;
  if (sent.junk) evidence.junkSent = sent.junk.join(' ') || 'none';
  const junkSent = sent.junk ?? [];
  if (!hasIgnoreFile || junkSent.length > 0 || (sent.bytes !== undefined && sent.bytes > MAX_CONTEXT)) {
    const what = junkSent.length
      ? junkSent.join(', ')
      : sent.bytes !== undefined
        ? `${(sent.bytes / 1e6).toFixed(1)} MB`
        : 'the whole folder';
    return kit.diagnose(
      'junk-in-context',
      `${hasIgnoreFile ? 'Your .dockerignore still lets' : 'There is no .dockerignore, so'} ${what} go to the ` +
        'engine on every build' +
        `${junkSent.includes('secrets.env') ? ' (the password with it, even if no COPY puts it in the image)' : ''}.`,
      'Add a .dockerignore next to the Dockerfile listing build-cache/, logs/ and *.env.',
      evidence,
    );
  }
  return kit.pass(
    `${IMAGE} runs, holds only what the app needs (${Math.round(added / 1000)} kB over its base), ` +
      `and its build context is ${sent.bytes !== undefined ? `${(sent.bytes / 1000).toFixed(1)} kB` : 'small'}, ` +
      'with no secrets or junk in it.',
    evidence,
  );
};

export default check;
