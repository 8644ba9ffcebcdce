// layers: WORKDIR, ENV and COPY used (motd.txt is in /app), and the big temporary archive made and deleted in one RUN layer.
import type { HistoryStep } from 'containerlings/kit';
import type { Check, ImageFacts } from 'containerlings/kit';

const IMAGE = 'containerlings/layers';
const BASE = 'containerlings/busybox';
const MAX_ADDED_BYTES = 1024 * 1024;
const MAX_ADDED_LAYERS = 3; // WORKDIR, COPY and one RUN

const check: Check = async (kit) => {
  const image = await kit.image(IMAGE);
  if (!image) {
    return kit.diagnose(
      'not-built',
      `There is no image called ${IMAGE} yet.`,
      `Build it from the layers folder: docker build -t ${IMAGE} .`,
    );
  }
  const base = await kit.image(BASE);
  const added = addedTo(image, base);
  const evidence = {
    image: image.id.replace(/^sha256:/, '').slice(0, 12),
    sizeBytes: image.sizeBytes,
    addedBytes: added.bytes,
    layers: image.layers,
    addedLayers: added.layers,
    workdir: image.workdir || '/',
  };

  if (!kit.isNew(image)) {
    return kit.diagnose(
      'built-before-start',
      `${IMAGE} was built before you started this exercise.`,
      `Rebuild it: docker build -t ${IMAGE} . (if Docker reuses an old build from its cache, add --no-cache)`,
      evidence,
    );
  }
  if (image.workdir.replace(/\/+$/, '') !== '/app') {
    return kit.diagnose(
      'no-workdir',
      `The image's working directory is ${image.workdir || '/'}, not /app.`,
      'Add WORKDIR /app before the steps that use it. A `cd` inside RUN only lasts for that one step.',
      evidence,
    );
  }
  if (image.env.APP_MODE !== 'production') {
    return kit.diagnose(
      'no-env',
      image.env.APP_MODE === undefined
        ? 'The image has no environment variable APP_MODE.'
        : `APP_MODE is "${image.env.APP_MODE}" in the image, not "production".`,
      'Add ENV APP_MODE=production. An `export` inside RUN is forgotten when that step ends.',
      evidence,
    );
  }

  // The README asks for motd.txt copied into /app: look for the file in the image, not only for its text in the output.
  const motd = ((await kit.readFile('motd.txt')) ?? '').trim();
  const copied = await kit.run(IMAGE, { entrypoint: ['cat'], cmd: ['/app/motd.txt'], timeout: 15 });
  const appMotd = copied.exitCode === 0 && !copied.timedOut ? copied.stdout.trim() : undefined;
  if (appMotd === undefined || appMotd === '') {
    return kit.diagnose(
      'motd-not-copied',
      `The image has no motd.txt in /app (cat /app/motd.txt in it: ${clip(copied.stderr.trim() || 'empty')}).`,
      'Copy the file from the folder into the image: COPY motd.txt . after WORKDIR /app, then rebuild.',
      evidence,
    );
  }
  if (motd && appMotd !== motd) {
    return kit.diagnose(
      'motd-out-of-date',
      '/app/motd.txt in the image is not the motd.txt of your layers folder: the image was built from other text.',
      `Rebuild after your last change: docker build -t ${IMAGE} .`,
      { ...evidence, inImage: clip(appMotd) },
    );
  }

  const run = await kit.run(IMAGE, { timeout: 15 });
  const runEvidence = { ...evidence, exitCode: run.exitCode, stdout: clip(run.stdout), stderr: clip(run.stderr) };
  if (run.exitCode !== 0 || run.timedOut) {
    return kit.diagnose(
      'container-fails',
      `A container from ${IMAGE} failed (exit code ${run.exitCode}): ${clip(run.stderr.trim() || run.stdout.trim())}`,
      `Run it yourself to see the error: docker run --rm ${IMAGE}`,
      runEvidence,
    );
  }
  if (!run.stdout.includes(appMotd)) {
    return kit.diagnose(
      'motd-not-printed',
      "The image holds /app/motd.txt, but the container's output does not contain it.",
      'Keep the CMD that prints it: CMD ["sh", "-c", "cat motd.txt && bin/report"], then rebuild.',
      runEvidence,
    );
  }
  if (!run.stdout.includes('report: APP_MODE=production')) {
    return kit.diagnose(
      'no-report',
      'The container did not print the report line "report: APP_MODE=production, ...".',
      'Keep the steps that unpack bin/report and make it executable, and the CMD that runs it.',
      runEvidence,
    );
  }

  if (added.bytes > MAX_ADDED_BYTES) {
    return kit.diagnose(
      'archive-in-layer',
      `The image is ${mb(added.bytes)} bigger than its base: the archive's bytes are still in a layer, ` +
        'even if a later step deletes the file.',
      `Look at docker history ${IMAGE}. Make, use and delete the archive in ONE RUN step, joined with &&.`,
      evidence,
    );
  }
  // Builders differ in which steps make a layer (buildah makes none for WORKDIR), so RUN steps are counted from
  // the image's history: the steps it has beyond its base's.
  const runs = runStepsAdded((await kit.history(IMAGE)) ?? [], (await kit.history(BASE)) ?? []);
  if (runs > 1) {
    return kit.diagnose(
      'several-runs',
      `The image adds ${runs} RUN steps to its base, each a layer of its own; one RUN does all the work here.`,
      'Combine the remaining RUN steps into one, joined with &&.',
      { ...evidence, runSteps: runs },
    );
  }
  if (added.layers > MAX_ADDED_LAYERS) {
    return kit.diagnose(
      'too-many-layers',
      `The image adds ${added.layers} layers to its base; WORKDIR, COPY and a single RUN need only ${MAX_ADDED_LAYERS}.`,
      'Combine the remaining RUN steps into one, joined with &&.',
      evidence,
    );
  }
  return kit.pass(
    `${IMAGE} runs in /app with APP_MODE=production, and adds only ${kb(added.bytes)} in ${added.layers} layers to its base.`,
    runEvidence,
  );
};

/** What the image adds to the base image. Without the base (should not happen), count everything. */
function addedTo(image: ImageFacts, base: ImageFacts | undefined): { bytes: number; layers: number } {
  return {
    bytes: image.sizeBytes - (base?.sizeBytes ?? 0),
    layers: image.layers - (base?.layers ?? 0),
  };
}

/**
 * RUN steps in the image's history beyond its base's. BuildKit records "RUN /bin/sh -c ..."; the legacy builder
 * and buildah record the bare command ("/bin/sh -c ...", or an exec form's argv), and "#(nop)" before every
 * other instruction; BuildKit writes other instructions by name (COPY, WORKDIR, ENV, ...).
 */
function runStepsAdded(image: readonly HistoryStep[], base: readonly HistoryStep[]): number {
  const isRun = (createdBy: string) => {
    const step = createdBy.trim();
    if (/^RUN\b/.test(step)) return true;
    if (!step || step.includes('#(nop)')) return false;
    return !/^(FROM|COPY|ADD|WORKDIR|ENV|ARG|LABEL|USER|EXPOSE|VOLUME|CMD|ENTRYPOINT|SHELL|STOPSIGNAL|HEALTHCHECK|ONBUILD|MAINTAINER)\b/.test(
      step,
    );
  };
  return image.slice(0, Math.max(0, image.length - base.length)).filter((s) => isRun(s.createdBy)).length;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function kb(bytes: number): string {
  return bytes < 1024 ? `${Math.max(0, bytes)} bytes` : `${Math.round(bytes / 1024)} kB`;
}

function clip(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export default check;
