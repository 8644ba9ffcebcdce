import type { Check } from 'containerlings/kit';

interface Rule {
  rulePriority?: number;
  selection?: {
    tagStatus?: string;
    tagPrefixList?: string[];
    countType?: string;
    countUnit?: string;
    countNumber?: number;
  };
  action?: { type?: string };
}

const check: Check = async (kit) => {
  if (!(await kit.ecr.repository('cl-nightly')))
    return kit.fail('ECR has no repository cl-nightly.', 'aws ecr create-repository --repository-name cl-nightly');
  const text = await kit.ecr.lifecyclePolicy('cl-nightly');
  if (!text)
    return kit.fail(
      'cl-nightly has no lifecycle policy.',
      'aws ecr put-lifecycle-policy --repository-name cl-nightly --lifecycle-policy-text file://policy.json',
    );
  const rules = ((JSON.parse(text) as { rules?: Rule[] }).rules ?? []).filter((r) => r.action?.type === 'expire');
  const untagged = rules.find((r) => r.selection?.tagStatus === 'untagged');
  if (
    !untagged ||
    untagged.selection?.countType !== 'sinceImagePushed' ||
    untagged.selection.countNumber !== 1 ||
    untagged.selection.countUnit !== 'days'
  ) {
    return kit.fail(
      'No rule expires untagged images 1 day after their push.',
      'Add a rule: tagStatus untagged, countType sinceImagePushed, countUnit days, countNumber 1.',
      { rules: rules.length },
    );
  }
  const nightly = rules.find(
    (r) => r.selection?.tagStatus === 'tagged' && r.selection.tagPrefixList?.includes('nightly'),
  );
  if (!nightly)
    return kit.fail(
      'No rule selects images tagged with the prefix nightly.',
      'Add a rule: tagStatus tagged, tagPrefixList ["nightly"], countType imageCountMoreThan.',
    );
  if (nightly.selection?.countType !== 'imageCountMoreThan' || nightly.selection.countNumber !== 5) {
    return kit.fail(
      `The nightly rule keeps ${nightly.selection?.countNumber} (${nightly.selection?.countType}), not the 5 newest.`,
      'Use countType imageCountMoreThan with countNumber 5.',
    );
  }
  return kit.pass('cl-nightly keeps 5 nightly builds and drops untagged images after a day.', { rules: rules.length });
};
export default check;
