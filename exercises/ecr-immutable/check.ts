// ecr-immutable: cl-releases has IMMUTABLE tags and holds, tagged 1.0 and pushed in this attempt, the image this
// folder built (found on the engine by the config digest of the pushed manifest; run, it prints "release 1.0").
import type { Check } from 'containerlings/kit';

const RELEASE = 'release 1.0';

const check: Check = async (kit) => {
  const repo = await kit.ecr.repository('cl-releases');
  if (!repo)
    return kit.diagnose(
      'no-repository',
      'ECR has no repository cl-releases.',
      'Names are lowercase letters, digits, hyphens, underscores and slashes: ' +
        'aws ecr create-repository --repository-name cl-releases --image-tag-mutability IMMUTABLE',
    );
  if (repo.tagMutability !== 'IMMUTABLE')
    return kit.diagnose(
      'tags-mutable',
      'cl-releases has MUTABLE tags: anyone can push another image as 1.0.',
      'aws ecr put-image-tag-mutability --repository-name cl-releases --image-tag-mutability IMMUTABLE',
    );
  const push = `docker tag containerlings/release ${repo.uri}:1.0 && docker push ${repo.uri}:1.0`;
  const release = (await kit.ecr.images('cl-releases')).find((i) => i.tags.includes('1.0'));
  if (!release) return kit.diagnose('no-release', 'cl-releases holds no image tagged 1.0.', `Log in, then: ${push}`);
  const evidence = { digest: release.digest, tagMutability: repo.tagMutability };
  if (!kit.since(release.pushedAt))
    return kit.diagnose(
      'pushed-before-start',
      '1.0 was pushed before you started this exercise.',
      'Reset the exercise (x) and push it again.',
      evidence,
    );
  // The pushed image is the one this folder built: on this engine by its id (the config digest), and it says so.
  const pushed = release.configDigest ? await kit.image(release.configDigest) : undefined;
  if (!pushed)
    return kit.diagnose(
      'pushed-image-gone',
      `The image tagged 1.0 (${release.digest.slice(0, 19)}...) is not on this Docker engine, ` +
        'so the check cannot tell whether it was built from this folder.',
      'Keep the image you pushed (containerlings/release); do not prune it until the check has passed.',
      evidence,
    );
  const run = await kit.run(pushed.id, { timeout: 10 });
  if (run.exitCode !== 0 || run.stdout.trim() !== RELEASE)
    return kit.diagnose(
      'not-from-folder',
      `cl-releases:1.0 is not the image this folder builds: run, it printed ` +
        `"${(run.stdout.trim() || run.stderr.trim()).slice(0, 80)}" (exit ${run.exitCode}), not "${RELEASE}".`,
      `Reset the exercise (x): a tag that cannot move cannot be fixed. Then build this folder ` +
        `(docker build -t containerlings/release .) and: ${push}`,
      evidence,
    );
  return kit.pass(`cl-releases:1.0 is ${release.digest.slice(0, 19)}..., and it will stay that image.`, evidence);
};
export default check;
