import type { Check, EcrImageFacts, PipelineRun } from 'containerlings/kit';

const REPOSITORY = 'cl-release';
const short = (digest: string) => `${digest.slice(0, 19)}...`;

const check: Check = async (kit) => {
  const built = async (run: PipelineRun, which: string): Promise<EcrImageFacts | string> => {
    if (run.exitCode !== 0)
      return `sh pipeline.sh failed for ${which} (exit ${run.exitCode}). Its last lines:\n${run.lastLines}`;
    const image = (await kit.ecr.images(REPOSITORY)).find((i) => i.tags.some((t) => kit.namesCommit(t, run.commit)));
    return (
      image ??
      `sh pipeline.sh ran for ${which}, but ECR's ${REPOSITORY} has no image tagged with commit ${run.commit.slice(0, 7)}.`
    );
  };
  const tested = await kit.pipeline(['sh', 'pipeline.sh']);
  const a = await built(tested, 'build A');
  if (typeof a === 'string')
    return kit.fail(
      a,
      'The pipeline came finished: reset the exercise (x) if it was changed, ' +
        'and check that the repository exists (aws ecr describe-repositories).',
    );
  const untested = await kit.pipeline(['sh', 'pipeline.sh'], {
    replace: { 'index.html': '<!doctype html>\n<h1>cl-release: the next version, not tested yet</h1>\n' },
  });
  const b = await built(untested, 'build B');
  if (typeof b === 'string') return kit.fail(b, 'Reset the exercise (x) to get the finished pipeline back.');

  const promoted = await kit.pipeline(['sh', 'promote.sh', a.digest]);
  const evidence = { tested: a.digest, newer: b.digest, commit: tested.commit };
  if (promoted.exitCode !== 0)
    return kit.fail(
      `sh promote.sh ${short(a.digest)} failed (exit ${promoted.exitCode}). Its last lines:\n${promoted.lastLines}`,
      'Run the pipeline yourself, then promote the digest it prints: sh promote.sh sha256:...',
      evidence,
    );
  const after = await kit.ecr.images(REPOSITORY);
  const production = after.find((i) => i.tags.includes('production'));
  if (!production)
    return kit.fail(
      `promote.sh exited 0, but no image in ${REPOSITORY} has the tag production.`,
      'The tag must be called exactly production.',
      evidence,
    );
  if (production.digest === b.digest)
    return kit.fail(
      'production is on build B, the newest image, not on the digest promote.sh was given (build A, the tested one).',
      'Use the digest passed as $1; never pick "the latest" image.',
      { ...evidence, production: production.digest },
    );
  if (production.digest !== a.digest)
    return kit.fail(
      `production is on ${short(production.digest)}, an image that is neither build A (${short(a.digest)}) ` +
        'nor build B: a rebuild is a new image, which nobody tested.',
      'Tag the existing image by its digest; do not build in promote.sh.',
      { ...evidence, production: production.digest },
    );
  const stillTagged = after.find((i) => i.digest === a.digest)?.tags.some((t) => kit.namesCommit(t, tested.commit));
  if (!stillTagged)
    return kit.fail(
      'production is on build A, but A lost its commit tag: nobody can tell any more which source it came from.',
      'Add the production tag; leave the commit tag where it is.',
      evidence,
    );
  return kit.pass(
    `production is on ${short(a.digest)}: the tested build A, still tagged with its commit; the newer build B was left alone.`,
    evidence,
  );
};
export default check;
