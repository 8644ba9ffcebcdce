import type { Check } from 'containerlings/kit';

const check: Check = async (kit) => {
  const registry = await kit.registry.address();
  const tags = await kit.registry.tags('cl-hello');
  if (!tags.includes('1.0')) {
    const seen = tags.length
      ? `It has the tags ${tags.join(', ')}, but not 1.0.`
      : 'The registry has no image in repository cl-hello.';
    return kit.fail(
      seen,
      'Tag with the full name and push it: ' +
        `docker tag containerlings/reg-hello ${registry}/cl-hello:1.0 && docker push ${registry}/cl-hello:1.0`,
      { tags: tags.join(',') },
    );
  }
  const manifest = await kit.registry.manifest('cl-hello', '1.0');
  const local = await kit.image('containerlings/reg-hello');
  if (!manifest || !local)
    return kit.fail(
      'There is no local image containerlings/reg-hello to compare with.',
      'Build it: docker build -t containerlings/reg-hello .',
    );
  if (manifest.configDigest !== local.id) {
    return kit.fail(
      'cl-hello:1.0 in the registry is not your containerlings/reg-hello image.',
      'Tag that image (not another one) and push again.',
      { registryConfig: manifest.configDigest ?? '', localImage: local.id },
    );
  }
  return kit.pass(`cl-hello:1.0 is in the registry as ${manifest.digest.slice(0, 19)}...`, {
    digest: manifest.digest,
    sizeBytes: manifest.sizeBytes,
    layers: manifest.layers,
  });
};
export default check;
