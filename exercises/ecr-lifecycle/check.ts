import type { Check, LifecycleImage } from 'containerlings/kit';

// The policy is judged by what ECR would do with it, on a made-up repository: untagged images of several ages,
// nightly builds pushed at uneven times (so that "keep 5" and "expire after N days" differ), and release images
// the policy must leave alone. However the learner writes the rules (prefix or pattern lists, any priorities),
// only the result counts.
const now = new Date('2026-06-01T12:00:00Z');
const ago = (days: number) => new Date(+now - days * 24 * 60 * 60 * 1000);
const image = (id: string, days: number, tags: string[] = []): LifecycleImage => ({ id, tags, pushedAt: ago(days) });

const untagged = [
  image('untagged image pushed 10 days ago', 10),
  image('untagged image pushed 36 hours ago', 1.5),
  image('untagged image pushed 12 hours ago', 0.5),
];
const nightlyAges = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 2, 30];
const nightly = nightlyAges.map((d, i) =>
  image(`nightly-${i + 1}`, d, i === 0 ? [`nightly-${i + 1}`, 'latest'] : [`nightly-${i + 1}`]),
);
const others = [image('v1.0', 200, ['v1.0']), image('v2.0', 5, ['v2.0']), image('build-7', 60, ['build-7'])];

const check: Check = async (kit) => {
  if (!(await kit.ecr.repository('cl-nightly')))
    return kit.diagnose(
      'no-repository',
      'ECR has no repository cl-nightly.',
      'aws ecr create-repository --repository-name cl-nightly',
    );
  const text = await kit.ecr.lifecyclePolicy('cl-nightly');
  if (!text)
    return kit.diagnose(
      'no-policy',
      'cl-nightly has no lifecycle policy.',
      'aws ecr put-lifecycle-policy --repository-name cl-nightly --lifecycle-policy-text file://policy.json',
    );
  const expired = new Set(await kit.ecr.wouldExpire(text, [...untagged, ...nightly, ...others], now));
  const evidence = { expired: [...expired].join('; ') || 'none' };

  const untaggedWrong = untagged.filter((i) => expired.has(i.id) !== +now - +i.pushedAt > 24 * 60 * 60 * 1000);
  if (untaggedWrong.length > 0)
    return kit.diagnose(
      'untagged-not-after-a-day',
      `ECR would ${expired.has(untaggedWrong[0]!.id) ? 'expire' : 'keep'} the ${untaggedWrong[0]!.id}: ` +
        'untagged images should go once they are more than 1 day old, and not before.',
      'Add a rule: tagStatus untagged, countType sinceImagePushed, countUnit days, countNumber 1.',
      evidence,
    );
  const keptNightly = nightly.filter((i) => !expired.has(i.id));
  const newestFive = nightly.slice(0, 5);
  if (keptNightly.length !== 5 || !newestFive.every((i) => keptNightly.includes(i)))
    return kit.diagnose(
      'not-five-nightlies',
      `Of ${nightly.length} nightly builds, ECR would keep ${keptNightly.length} ` +
        `(${keptNightly.map((i) => i.id).join(', ') || 'none'}); the task asks for the 5 newest.`,
      'Select the tags that start with nightly (tagPrefixList ["nightly"] or tagPatternList ["nightly*"]) with ' +
        'countType imageCountMoreThan and countNumber 5, and make sure no earlier rule (lower rulePriority) ' +
        'selects those images first: ECR gives each image to the first rule that selects it.',
      evidence,
    );
  const lost = others.filter((i) => expired.has(i.id));
  if (lost.length > 0)
    return kit.diagnose(
      'expires-others',
      `ECR would also expire images the task does not mention: ${lost.map((i) => i.id).join(', ')}.`,
      'Expire only untagged images and nightly builds beyond the 5 newest.',
      evidence,
    );
  return kit.pass('cl-nightly keeps 5 nightly builds and drops untagged images after a day.', evidence);
};
export default check;
