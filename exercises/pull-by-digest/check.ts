import type { Check } from 'containerlings/kit';

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
      `pinned.txt names ${pinned[1]!.slice(0, 19)}..., but tested is ${tested.digest.slice(0, 19)}...`,
      'Take the digest of the tag the team tested, not of another tag.',
      { pinned: pinned[1]!, tested: tested.digest },
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
