import type { Check } from 'containerlings/kit';

const check: Check = async (kit) => {
  const repo = await kit.ecr.repository('cl-releases');
  if (!repo)
    return kit.fail(
      'ECR has no repository cl-releases.',
      'Names are lowercase letters, digits, hyphens, underscores and slashes: ' +
        'aws ecr create-repository --repository-name cl-releases --image-tag-mutability IMMUTABLE',
    );
  if (repo.tagMutability !== 'IMMUTABLE')
    return kit.fail(
      'cl-releases has MUTABLE tags: anyone can push another image as 1.0.',
      'aws ecr put-image-tag-mutability --repository-name cl-releases --image-tag-mutability IMMUTABLE',
    );
  const release = (await kit.ecr.images('cl-releases')).find((i) => i.tags.includes('1.0'));
  if (!release)
    return kit.fail(
      'cl-releases holds no image tagged 1.0.',
      `Log in, then: docker tag containerlings/release ${repo.uri}:1.0 && docker push ${repo.uri}:1.0`,
    );
  if (!kit.since(release.pushedAt))
    return kit.fail('1.0 was pushed before you started this exercise.', 'Reset the exercise (x) and push it again.');
  return kit.pass(`cl-releases:1.0 is ${release.digest.slice(0, 19)}..., and it will stay that image.`, {
    digest: release.digest,
    tagMutability: repo.tagMutability,
  });
};
export default check;
