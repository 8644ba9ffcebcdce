// promote-tag: in the registry, cl-app:production names the manifest cl-app:1.1 names, and 1.1 is still the image
// the exercise published as tested (containerlings/app-1.1): production moved to the tested bytes, nothing rebuilt.
import type { Check } from 'containerlings/kit';

const RESET = 'Reset the exercise (x) to publish it again.';

const check: Check = async (kit) => {
  const candidate = await kit.registry.manifest('cl-app', '1.1');
  if (!candidate)
    return kit.diagnose('setup-gone', 'The registry has no cl-app:1.1 (the exercise setup is gone).', RESET);
  const tested = await kit.image('containerlings/app-1.1');
  if (!tested)
    return kit.diagnose(
      'setup-gone',
      'The local image containerlings/app-1.1, the tested image the exercise published as cl-app:1.1, is gone: ' +
        'the check compares cl-app:1.1 with it.',
      RESET,
    );
  if (candidate.configDigest !== tested.id)
    return kit.diagnose(
      'tested-tag-moved',
      'cl-app:1.1 no longer points to the tested image: something else was pushed as 1.1.',
      'Leave 1.1 alone; move only production. Reset the exercise (x) to start over.',
      { candidateConfig: candidate.configDigest ?? '', tested: tested.id },
    );
  const production = await kit.registry.manifest('cl-app', 'production');
  if (!production)
    return kit.diagnose(
      'no-production',
      'There is no cl-app:production in the registry.',
      'Tag the 1.1 image as production and push that tag.',
    );
  if (production.digest !== candidate.digest) {
    return kit.diagnose(
      'production-elsewhere',
      `production is ${production.digest.slice(0, 19)}..., not the image 1.1 points to (${candidate.digest.slice(0, 19)}...).`,
      'Pull cl-app:1.1, tag that very image as production (no rebuild), then push it.',
      { production: production.digest, candidate: candidate.digest },
    );
  }
  return kit.pass('production and 1.1 now name one digest: the tested bytes are what goes live.', {
    digest: candidate.digest,
  });
};
export default check;
