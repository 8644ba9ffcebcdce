// cd-promote-digest: sh promote.sh <digest> puts ECR's production tag on exactly the image that digest names (tried
// with two builds, so a script that picks an image itself is caught), and the image keeps its commit tag.
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
    return kit.diagnose(
      'pipeline-broken',
      a,
      'The pipeline came finished: reset the exercise (x) if it was changed, ' +
        'and check that the repository exists (aws ecr describe-repositories).',
    );
  const untested = await kit.pipeline(['sh', 'pipeline.sh'], {
    replace: { 'index.html': '<!doctype html>\n<h1>cl-release: the next version, not tested yet</h1>\n' },
  });
  const b = await built(untested, 'build B');
  if (typeof b === 'string')
    return kit.diagnose('pipeline-broken', b, 'Reset the exercise (x) to get the finished pipeline back.');

  // Promote B first, then A: a promote.sh that ignores its digest (newest, oldest, digest.txt...) is caught by one of them.
  const evidence = { tested: a.digest, newer: b.digest, commit: tested.commit };
  const builds = [
    { name: 'build B', digest: b.digest, other: a.digest },
    { name: 'build A', digest: a.digest, other: b.digest },
  ];
  for (const build of builds) {
    const promoted = await kit.pipeline(['sh', 'promote.sh', build.digest]);
    const ran = `sh promote.sh ${short(build.digest)} (${build.name})`;
    const failed = promoted.exitCode !== 0;
    const failure = `${ran} failed (exit ${promoted.exitCode}). Its last lines:\n${promoted.lastLines}`;
    const production = (await kit.ecr.images(REPOSITORY)).find((i) => i.tags.includes('production'));
    // A script that fails while production sits on another image (ECR refuses to put the tag where it already is) is
    // judged by where it left production: that is the mistake, the error only its symptom.
    if (failed && (!production || production.digest === build.digest))
      return kit.diagnose(
        'promote-fails',
        failure,
        'Run the pipeline yourself, then promote the digest it prints: sh promote.sh sha256:...',
        evidence,
      );
    if (!production)
      return kit.diagnose(
        'no-production-tag',
        `${ran} exited 0, but no image in ${REPOSITORY} has the tag production.`,
        'The tag must be called exactly production.',
        evidence,
      );
    if (production.digest === build.digest) continue;
    const seen = { ...evidence, asked: build.digest, production: production.digest };
    const also = failed ? `\n(${failure})` : '';
    if (production.digest === b.digest)
      return kit.diagnose(
        'promoted-newest',
        `After ${ran}, production is on build B, the newest image, not on the digest promote.sh was given ` +
          `(build A, the tested one).${also}`,
        'Use the digest passed as $1; never pick "the latest" image.',
        seen,
      );
    if (production.digest === build.other)
      return kit.diagnose(
        'ignores-digest',
        `After ${ran}, production is on ${short(production.digest)}, the other image the pipeline pushed: ` +
          `promote.sh chose an image itself instead of taking the digest it was given.${also}`,
        'Use the digest passed as $1 (DIGEST=$1), and nothing else: not digest.txt, not the newest or the oldest image.',
        seen,
      );
    return kit.diagnose(
      'promoted-another-image',
      `After ${ran}, production is on ${short(production.digest)}, neither build A nor build B: promote.sh built ` +
        `or chose another image, and a rebuild is a new image, which nobody tested.${also}`,
      'Tag the existing image by its digest; do not build in promote.sh.',
      seen,
    );
  }
  const after = await kit.ecr.images(REPOSITORY);
  const stillTagged = after.find((i) => i.digest === a.digest)?.tags.some((t) => kit.namesCommit(t, tested.commit));
  if (!stillTagged)
    return kit.diagnose(
      'commit-tag-lost',
      'production is on build A, but A lost its commit tag: nobody can tell any more which source it came from.',
      'Add the production tag; leave the commit tag where it is.',
      evidence,
    );
  return kit.pass(
    `promote.sh moved production to each digest it was given, and it ends on ${short(a.digest)}: ` +
      'the tested build A, still tagged with its commit.',
    evidence,
  );
};
export default check;
