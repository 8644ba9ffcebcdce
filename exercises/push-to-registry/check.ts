// push-to-registry: the sandbox registry has cl-hello:1.0, and it is the containerlings/reg-hello this attempt built
// from this folder (built or tagged after the start, and it runs the folder's CMD), not some other image so named.
import type { Check } from 'containerlings/kit';

const IMAGE = 'containerlings/reg-hello';
const GREETING = 'hello from the registry';

const check: Check = async (kit) => {
  const registry = await kit.registry.address();
  const push = `docker tag ${IMAGE} ${registry}/cl-hello:1.0 && docker push ${registry}/cl-hello:1.0`;
  const tags = await kit.registry.tags('cl-hello');
  if (!tags.includes('1.0')) {
    if (tags.length)
      return kit.diagnose(
        'wrong-tag',
        `Repository cl-hello has the tags ${tags.join(', ')}, but not 1.0. (A name without :tag means :latest.)`,
        `Tag with the full name, tag included, and push it: ${push}`,
        { tags: tags.join(',') },
      );
    return kit.diagnose(
      'not-pushed',
      'The registry has no image in repository cl-hello: nothing was pushed there. A docker tag alone puts nothing ' +
        'in a registry, and a push it refused (unauthorized) neither.',
      `Log in (docker login ${registry} -u learner --password-stdin < $CONTAINERLINGS_REGISTRY_PASSWORD_FILE), then: ${push}`,
    );
  }
  const manifest = await kit.registry.manifest('cl-hello', '1.0');
  if (!manifest) throw new Error('the registry lists cl-hello:1.0 but serves no manifest for it');
  const local = await kit.image(IMAGE);
  if (!local)
    return kit.diagnose(
      'not-built',
      `There is no local image ${IMAGE} to compare cl-hello:1.0 with.`,
      `Build it from this folder (docker build -t ${IMAGE} .), then tag and push it: ${push}`,
    );
  const evidence = { registryConfig: manifest.configDigest ?? '', localImage: local.id };
  if (!kit.isNew(local))
    return kit.diagnose(
      'built-before-start',
      `${IMAGE} was built before you started this exercise.`,
      `Build it again from this folder (docker build -t ${IMAGE} .), then: ${push}`,
      evidence,
    );
  const run = await kit.run(local.id, { timeout: 10 });
  if (run.exitCode !== 0 || run.stdout.trim() !== GREETING)
    return kit.diagnose(
      'not-from-folder',
      `${IMAGE} is not the image this folder's Dockerfile builds: it printed ` +
        `"${(run.stdout.trim() || run.stderr.trim()).slice(0, 80)}" (exit ${run.exitCode}), not "${GREETING}".`,
      `Build it from this folder (docker build -t ${IMAGE} .), then: ${push}`,
      evidence,
    );
  if (manifest.configDigest !== local.id) {
    return kit.diagnose(
      'pushed-another-image',
      `cl-hello:1.0 in the registry is not your ${IMAGE} image.`,
      `Tag that image (not another one) and push again: ${push}`,
      evidence,
    );
  }
  return kit.pass(`cl-hello:1.0 is in the registry as ${manifest.digest.slice(0, 19)}...`, {
    digest: manifest.digest,
    sizeBytes: manifest.sizeBytes,
    layers: manifest.layers,
  });
};
export default check;
