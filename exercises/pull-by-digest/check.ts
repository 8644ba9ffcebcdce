import type { Check, CheckKit } from 'containerlings/kit';

/** What the digest in pinned.txt is, when it is not tested's: an image id, another tag's, or none of cl-pinned's. */
async function whatIsPinned(
  kit: CheckKit,
  digest: string,
  tested: { digest: string; configDigest?: string },
): Promise<string> {
  const short = `${digest.slice(0, 19)}...`;
  const ofTested = `tested is ${tested.digest.slice(0, 19)}...`;
  const next = await kit.registry.manifest('cl-pinned', 'next');
  if (digest === tested.configDigest || digest === next?.configDigest)
    return (
      `pinned.txt names ${short}, which is an image ID (the digest of the image's config, as docker images shows ` +
      `it), not the digest the registry knows the image by (the digest of its manifest); ${ofTested}`
    );
  if (digest === next?.digest)
    return `pinned.txt names ${short}, the digest of cl-pinned:next (where stable points now), but ${ofTested}`;
  return `pinned.txt names ${short}, which is not a digest of any cl-pinned tag in the registry; ${ofTested}`;
}

const check: Check = async (kit) => {
  const tested = await kit.registry.manifest('cl-pinned', 'tested');
  if (!tested)
    return kit.fail(
      'The registry has no cl-pinned:tested (the exercise setup is missing).',
      'Reset the exercise (x) to publish it again.',
    );
  const text = ((await kit.readFile('pinned.txt')) ?? '').trim();
  const pinned = /@(sha256:[0-9a-f]{64})$/.exec(text);
  if (!pinned)
    return kit.fail(
      text ? `pinned.txt holds "${text}", which is not a digest reference.` : 'pinned.txt is empty.',
      'Write <registry>/cl-pinned@sha256:<digest>: a tag can move, a digest cannot.',
    );
  if (pinned[1] !== tested.digest)
    return kit.fail(
      await whatIsPinned(kit, pinned[1]!, tested),
      'Take the digest of the tag the team tested: ' +
        `docker image inspect -f '{{index .RepoDigests 0}}' <registry>/cl-pinned:tested after pulling it.`,
      {
        pinned: pinned[1]!,
        tested: tested.digest,
      },
    );
  const local = await kit.image('containerlings/pinned');
  if (!local)
    return kit.fail(
      'There is no local image containerlings/pinned.',
      `Pull by digest and tag it: docker tag ${text} containerlings/pinned`,
    );
  if (local.id !== tested.configDigest)
    return kit.fail(
      'containerlings/pinned is not the image that digest names.',
      'Tag the image you pulled by digest.',
      { localImage: local.id },
    );
  return kit.pass(`Pinned to ${tested.digest.slice(0, 19)}...: it stays that image whatever happens to the tags.`, {
    digest: tested.digest,
  });
};
export default check;
