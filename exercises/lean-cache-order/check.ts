// lean-cache-order: the image works, a change to app.sh leaves the dependency layer cached, and a change to
// deps.txt runs the dependency step again with the new list. Judged by building copies of the folder (as is, with
// app.sh changed, with a library added to deps.txt) and comparing the fetch ids and the libraries fetched.
import type { Check, CheckKit } from 'containerlings/kit';

const IMAGE = 'containerlings/lean-cache';
const MARK = 'cache probe from the check';
const PROBE_LIB = 'probelib';

type Probe =
  | { error: string }
  | { before: string; after: string; changed: boolean; depsChangedId: string; newLibFetched: boolean };

const readFetchId = async (kit: CheckKit, image: string) =>
  (await kit.run(image, { entrypoint: ['cat'], cmd: ['/app/vendor/.fetch-id'], timeout: 10 })).stdout.trim();

const check: Check = async (kit) => {
  const image = await kit.image(IMAGE);
  if (!image)
    return kit.diagnose(
      'not-built',
      `There is no image ${IMAGE} yet.`,
      `Build it in lean-cache-order/: docker build -t ${IMAGE} .`,
    );
  if (!kit.isNew(image))
    return kit.diagnose(
      'built-before-start',
      `${IMAGE} was built before you started this exercise.`,
      `Rebuild it: docker build -t ${IMAGE} .`,
    );
  const run = await kit.run(IMAGE, { timeout: 15 });
  if (
    run.exitCode !== 0 ||
    !/report v1 with csvkit 1\.4, chartlib 0\.9|report v1 with chartlib 0\.9, csvkit 1\.4/.test(run.stdout)
  ) {
    return kit.diagnose(
      'no-report',
      `${IMAGE} did not print its report with both libraries (exit ${run.exitCode}): ` +
        `${(run.stderr.trim() || run.stdout.trim()).slice(0, 200)}`,
      'Keep the dependency step (RUN sh fetch-deps.sh deps.txt) and copy app.sh into /app.',
      { exitCode: run.exitCode },
    );
  }
  const outcome = await kit.buildCopy<Probe>('.', {}, async (first) => {
    if (!first.ok || !first.id) return { error: first.output };
    const before = await readFetchId(kit, first.id);
    return kit.buildCopy<Probe>('.', { append: { 'app.sh': `# ${MARK}\n` } }, async (second) => {
      if (!second.ok || !second.id) return { error: second.output };
      const after = await readFetchId(kit, second.id);
      const changed =
        (
          await kit.run(second.id, { entrypoint: ['grep', '-c', MARK], cmd: ['/app/app.sh'], timeout: 10 })
        ).stdout.trim() === '1';
      return kit.buildCopy<Probe>('.', { append: { 'deps.txt': `\n${PROBE_LIB} 0.1\n` } }, async (third) => {
        if (!third.ok || !third.id) return { error: third.output };
        const depsChangedId = await readFetchId(kit, third.id);
        const lib = await kit.run(third.id, {
          entrypoint: ['cat'],
          cmd: [`/app/vendor/${PROBE_LIB}/VERSION`],
          timeout: 10,
        });
        return { before, after, changed, depsChangedId, newLibFetched: lib.stdout.trim() === '0.1' };
      });
    });
  });
  if ('error' in outcome)
    return kit.diagnose(
      'does-not-build',
      `A copy of your folder does not build: ${outcome.error.slice(-300)}`,
      `Build it yourself to see why: docker build -t ${IMAGE} .`,
    );
  const evidence = {
    fetchIdBefore: outcome.before,
    fetchIdAfter: outcome.after,
    appChangeInImage: outcome.changed,
    fetchIdAfterDepsChange: outcome.depsChangedId,
    addedLibraryFetched: outcome.newLibFetched,
  };
  if (!outcome.changed) {
    return kit.diagnose(
      'app-change-missing',
      'After app.sh changed, the image built from the changed folder still had the old app.sh: ' +
        'the app is not copied into the image after the dependency step.',
      'Copy the rest of the folder (COPY . .) after the dependency step.',
      evidence,
    );
  }
  if (!outcome.before) {
    return kit.diagnose(
      'no-fetch-step',
      'The image built from a copy of your folder has no fetch id (/app/vendor/.fetch-id): ' +
        'its libraries were not fetched by fetch-deps.sh in a build step.',
      'Keep the dependency step: COPY deps.txt fetch-deps.sh ./ then RUN sh fetch-deps.sh deps.txt, before COPY . .',
      evidence,
    );
  }
  if (outcome.before !== outcome.after) {
    return kit.diagnose(
      'deps-rerun-on-app-change',
      'Changing app.sh made the dependency step run again (its fetch id changed): a step before it copies app.sh.',
      'Copy only deps.txt and fetch-deps.sh before RUN sh fetch-deps.sh deps.txt; copy everything else after it.',
      evidence,
    );
  }
  // The other direction: a step that ignores deps.txt (the list written into the Dockerfile) stays cached for ever.
  if (!outcome.newLibFetched || outcome.depsChangedId === outcome.before) {
    return kit.diagnose(
      'deps-change-ignored',
      `After a library (${PROBE_LIB} 0.1) was added to deps.txt, the rebuilt image did not fetch it: ` +
        'the libraries in the image do not come from a build step that reads deps.txt, so they would never change.',
      'Copy deps.txt (and fetch-deps.sh) into the image before the dependency step, and run RUN sh fetch-deps.sh deps.txt.',
      evidence,
    );
  }
  return kit.pass(
    'Changing app.sh rebuilt only the steps after the dependency layer (the fetch id stayed the same), ' +
      'and changing deps.txt fetched the libraries again.',
    evidence,
  );
};

export default check;
