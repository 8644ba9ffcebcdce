import type { Check } from 'containerlings/kit';

const check: Check = async (kit) => {
  const candidate = await kit.registry.manifest('cl-app', '1.1');
  const tested = await kit.image('containerlings/app-1.1');
  if (!candidate || !tested)
    return kit.fail(
      'cl-app:1.1 is missing (the exercise setup is gone).',
      'Reset the exercise (x) to publish it again.',
    );
  if (candidate.configDigest !== tested.id)
    return kit.fail(
      'cl-app:1.1 no longer points to the tested image.',
      'Leave 1.1 alone; move only production. Reset the exercise (x) to start over.',
    );
  const production = await kit.registry.manifest('cl-app', 'production');
  if (!production)
    return kit.fail(
      'There is no cl-app:production in the registry.',
      'Tag the 1.1 image as production and push that tag.',
    );
  if (production.digest !== candidate.digest) {
    return kit.fail(
      `production is ${production.digest.slice(0, 19)}..., not the image 1.1 points to (${candidate.digest.slice(0, 19)}...).`,
      'Tag the pulled 1.1 image itself (no rebuild), then push.',
      { production: production.digest, candidate: candidate.digest },
    );
  }
  return kit.pass('production and 1.1 now name one digest: the tested bytes are what goes live.', {
    digest: candidate.digest,
  });
};
export default check;
