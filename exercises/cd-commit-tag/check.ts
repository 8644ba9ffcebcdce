// cd-commit-tag: sh pipeline.sh, run at a fresh commit, pushes cl-web:<that commit> to the registry, built by that run
// and labelled org.opencontainers.image.revision=<the full commit>.
import type { Check } from 'containerlings/kit';

const REVISION = 'org.opencontainers.image.revision';

const check: Check = async (kit) => {
  const run = await kit.pipeline(['sh', 'pipeline.sh']);
  const short = run.commit.slice(0, 7);
  if (run.exitCode !== 0) {
    return kit.diagnose(
      'pipeline-fails',
      `sh pipeline.sh failed (exit ${run.exitCode}) at commit ${short}. Its last lines:\n${run.lastLines}`,
      'Run it yourself in the exercise folder (sh pipeline.sh) and fix the first error it prints.',
      { commit: run.commit },
    );
  }
  const tags = await kit.registry.tags('cl-web');
  const tag = tags.find((t) => kit.namesCommit(t, run.commit));
  if (!tag) {
    const built = run.images.some((i) =>
      i.tags.some((t) => kit.namesCommit(t.slice(t.lastIndexOf(':') + 1), run.commit)),
    );
    if (built)
      return kit.diagnose(
        'not-pushed',
        `The pipeline built cl-web with the commit as its tag, but did not push it: the registry has no cl-web:${short}.`,
        'Push the tag after the build: docker push "$IMAGE:$TAG"',
        { commit: run.commit },
      );
    const seen = tags.length
      ? `cl-web has ${tags.slice(0, 5).join(', ')}${tags.length > 5 ? ', ...' : ''}, but no tag naming commit ${short}.`
      : 'The registry has no cl-web image at all.';
    return kit.diagnose(
      'tag-not-commit',
      `The pipeline ran at commit ${run.commit.slice(0, 12)}. ${seen}`,
      'Tag with the commit the pipeline runs at: TAG=$(git rev-parse --short HEAD), then build and push that tag.',
      { commit: run.commit },
    );
  }
  const manifest = await kit.registry.manifest('cl-web', tag);
  const image = run.images.find((i) => i.id === manifest?.configDigest);
  if (!manifest || !image)
    return kit.diagnose(
      'pushed-another-image',
      `cl-web:${tag} is in the registry, but it is not the image this run built.`,
      'Build the image in the pipeline, tag that build with the commit, and push it.',
      { commit: run.commit, tag },
    );
  const revision = image.labels[REVISION];
  if (revision !== run.commit) {
    const said = revision ? `says ${revision}, not the commit it was built from (${run.commit})` : 'is missing';
    return kit.diagnose(
      revision ? 'revision-not-commit' : 'no-revision-label',
      `cl-web:${tag} is pushed, but its ${REVISION} label ${said}.`,
      `Add the full commit as a label: docker build --label ${REVISION}="$(git rev-parse HEAD)" ...`,
      { commit: run.commit, tag },
    );
  }
  return kit.pass(
    `The pipeline pushed cl-web:${tag}, ` +
      `built from commit ${run.commit.slice(0, 12)} and labelled with it (${manifest.digest.slice(0, 19)}...).`,
    { commit: run.commit, tag, digest: manifest.digest },
  );
};
export default check;
