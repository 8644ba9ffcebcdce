// pull-by-digest: pinned.txt names, by digest, the manifest cl-pinned:tested points to, as a reference that pulls it
// from the sandbox registry (<registry>/cl-pinned@sha256:...), and containerlings/pinned is that very image.
import type { Check, CheckKit } from 'containerlings/kit';

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

/** What the digest in pinned.txt is, when it is not tested's: an image id, another tag's, or none of cl-pinned's. */
async function whatIsPinned(
  kit: CheckKit,
  digest: string,
  tested: { digest: string; configDigest?: string },
): Promise<{ id: string; message: string }> {
  const short = `${digest.slice(0, 19)}...`;
  const ofTested = `tested is ${tested.digest.slice(0, 19)}...`;
  const next = await kit.registry.manifest('cl-pinned', 'next');
  if (digest === tested.configDigest || digest === next?.configDigest)
    return {
      id: 'image-id-not-digest',
      message:
        `pinned.txt names ${short}, which is an image ID (the digest of the image's config, as docker images shows ` +
        `it), not the digest the registry knows the image by (the digest of its manifest); ${ofTested}`,
    };
  if (digest === next?.digest)
    return {
      id: 'pinned-moved-tag',
      message: `pinned.txt names ${short}, the digest of cl-pinned:next (where stable points now), but ${ofTested}`,
    };
  return {
    id: 'unknown-digest',
    message: `pinned.txt names ${short}, which is not a digest of any cl-pinned tag in the registry; ${ofTested}`,
  };
}

/** The registry and repository a reference pulls from: host:port/cl-pinned, any loopback name for the host. */
function pullsFromSandbox(name: string, registry: string): boolean {
  const port = registry.slice(registry.lastIndexOf(':') + 1);
  const hosts = [registry, ...LOOPBACK.map((h) => `${h}:${port}`)];
  return hosts.some((h) => name === `${h}/cl-pinned`);
}

const check: Check = async (kit) => {
  const tested = await kit.registry.manifest('cl-pinned', 'tested');
  if (!tested)
    return kit.diagnose(
      'setup-gone',
      'The registry has no cl-pinned:tested (the exercise setup is missing).',
      'Reset the exercise (x) to publish it again.',
    );
  const registry = await kit.registry.address();
  const text = ((await kit.readFile('pinned.txt')) ?? '').trim();
  const pinned = /^([^\s@]+)@(sha256:[0-9a-f]{64})$/.exec(text);
  if (!pinned)
    return kit.diagnose(
      'not-a-digest-reference',
      text
        ? `pinned.txt holds "${text.slice(0, 120)}", which is not a digest reference (name@sha256:<64 hex digits>).`
        : 'pinned.txt is empty.',
      `Write ${registry}/cl-pinned@sha256:<digest>: a tag can move, a digest cannot.`,
    );
  const [, name, digest] = pinned as unknown as [string, string, string];
  if (!pullsFromSandbox(name, registry))
    return kit.diagnose(
      'reference-elsewhere',
      `pinned.txt names ${name}@..., which does not pull from the sandbox registry's cl-pinned ` +
        `(${registry}/cl-pinned)${name.includes('/') ? '' : ': without a registry, a name means Docker Hub'}.`,
      `Write the whole reference you pulled: ${registry}/cl-pinned@sha256:<digest>`,
      { pinned: text.slice(0, 120) },
    );
  if (digest !== tested.digest) {
    const what = await whatIsPinned(kit, digest, tested);
    return kit.diagnose(
      what.id,
      what.message,
      'Take the digest of the tag the team tested: ' +
        `docker image inspect -f '{{index .RepoDigests 0}}' ${registry}/cl-pinned:tested after pulling it.`,
      { pinned: digest, tested: tested.digest },
    );
  }
  const local = await kit.image('containerlings/pinned');
  if (!local)
    return kit.diagnose(
      'not-tagged-locally',
      'There is no local image containerlings/pinned.',
      `Pull by digest and tag it: docker tag ${text} containerlings/pinned`,
    );
  if (local.id !== tested.configDigest)
    return kit.diagnose(
      'local-image-differs',
      'containerlings/pinned is not the image that digest names.',
      `Tag the image you pulled by digest: docker tag ${text} containerlings/pinned`,
      { localImage: local.id },
    );
  return kit.pass(`Pinned to ${tested.digest.slice(0, 19)}...: it stays that image whatever happens to the tags.`, {
    digest: tested.digest,
  });
};
export default check;
