// Validates a lifecycle policy the way ECR does before storing it. The local endpoint stores the policy
// and answers GetLifecyclePolicy, but does not expire images on a schedule (lessons say so).
import { EcrError } from './errors.js';

const fail = (why: string) =>
  new EcrError(
    'InvalidParameterException',
    `Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: ${why}'`,
  );

export interface LifecycleRule {
  rulePriority: number;
  description?: string;
  selection: {
    tagStatus: 'tagged' | 'untagged' | 'any';
    tagPrefixList?: string[];
    tagPatternList?: string[];
    countType: 'imageCountMoreThan' | 'sinceImagePushed';
    countUnit?: 'days';
    countNumber: number;
  };
  action: { type: 'expire' };
}

export function validateLifecyclePolicy(text: string): LifecycleRule[] {
  let policy: { rules?: LifecycleRule[] };
  try {
    policy = JSON.parse(text);
  } catch {
    throw fail('the policy is not valid JSON');
  }
  if (!Array.isArray(policy.rules) || policy.rules.length === 0)
    throw fail('object has missing required properties (["rules"])');
  const priorities = new Set<number>();
  for (const rule of policy.rules) {
    if (!Number.isInteger(rule.rulePriority) || rule.rulePriority < 1)
      throw fail('rulePriority must be a positive integer');
    if (priorities.has(rule.rulePriority)) throw fail(`rulePriority ${rule.rulePriority} is used twice`);
    priorities.add(rule.rulePriority);
    const s = rule.selection;
    if (!s || !['tagged', 'untagged', 'any'].includes(s.tagStatus))
      throw fail('selection.tagStatus must be one of tagged, untagged, any');
    if (s.tagStatus === 'tagged' && !s.tagPrefixList?.length && !s.tagPatternList?.length)
      throw fail('tagPrefixList or tagPatternList is required when tagStatus is tagged');
    if (!['imageCountMoreThan', 'sinceImagePushed'].includes(s.countType))
      throw fail('selection.countType must be imageCountMoreThan or sinceImagePushed');
    if (s.countType === 'sinceImagePushed' && s.countUnit !== 'days')
      throw fail('countUnit must be days when countType is sinceImagePushed');
    if (!Number.isInteger(s.countNumber) || s.countNumber < 1)
      throw fail('selection.countNumber must be a positive integer');
    if (rule.action?.type !== 'expire') throw fail('action.type must be expire');
  }
  return policy.rules;
}
