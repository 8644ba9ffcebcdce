import type { Check } from 'containerlings/kit';

const check: Check = async (kit) => {
  const repo = await kit.ecr.repository('cl-models');
  if (!repo)
    return kit.fail(
      'ECR has no repository cl-models.',
      'aws ecr create-repository --repository-name cl-models --image-scanning-configuration scanOnPush=true',
    );
  if (!repo.scanOnPush)
    return kit.fail(
      'cl-models exists, but scan on push is off.',
      'aws ecr put-image-scanning-configuration --repository-name cl-models --image-scanning-configuration scanOnPush=true',
    );
  const images = await kit.ecr.images('cl-models');
  const echo = images.find((i) => i.tags.includes('echo'));
  if (!echo) {
    const seen = images.length ? `It holds ${images.length} image(s), none tagged echo.` : 'It holds no image yet.';
    return kit.fail(
      `${seen} Was the push refused? "no basic auth credentials" or "401" means Docker is not logged in to ${repo.uri.split('/')[0]}.`,
      `aws ecr get-login-password | docker login --username AWS --password-stdin ${repo.uri.split('/')[0]}, ` +
        `then docker push ${repo.uri}:echo`,
    );
  }
  if (!kit.since(echo.pushedAt))
    return kit.fail('The echo image was pushed before you started this exercise.', 'Push it again.');
  return kit.pass(`${repo.uri}:echo is in ECR (${echo.digest.slice(0, 19)}..., ${echo.sizeBytes} bytes).`, {
    uri: repo.uri,
    digest: echo.digest,
    sizeBytes: echo.sizeBytes,
    mode: kit.ecr.mode(),
  });
};
export default check;
