// Validates a lifecycle policy the way ECR does before storing it. The local endpoint stores the policy
// and answers GetLifecyclePolicy, but does not expire images on a schedule (lessons say so).
import type { LifecycleImage } from '../../engine/types.js';
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

/** What a JSON value is, in the words a message uses: null and arrays are named as such, not as objects. */
const kindOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

/** Refuses a value that is not a JSON object, saying what it is instead ("rules[0].selection is null"). */
function mustBeObject(value: unknown, where: string): void {
  if (value === undefined) throw fail(`${where} is missing`);
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw fail(`${where} is ${kindOf(value)}; expected an object`);
}

export function validateLifecyclePolicy(text: string): LifecycleRule[] {
  let policy: { rules?: LifecycleRule[] };
  try {
    policy = JSON.parse(text);
  } catch {
    throw fail('the policy is not valid JSON');
  }
  mustBeObject(policy, 'the policy');
  if (policy.rules === null) throw fail('rules is null; expected an array of rules');
  if (!Array.isArray(policy.rules) || policy.rules.length === 0)
    throw fail('object has missing required properties (["rules"])');
  policy.rules.forEach((rule, i) => {
    mustBeObject(rule, `rules[${i}]`);
    mustBeObject(rule.selection, `rules[${i}].selection`);
    mustBeObject(rule.action, `rules[${i}].action`);
    for (const list of ['tagPrefixList', 'tagPatternList'] as const)
      if (rule.selection[list] === null)
        throw fail(`rules[${i}].selection.${list} is null; leave it out or give a list`);
  });
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
    if (s.tagStatus !== 'tagged' && (s.tagPrefixList !== undefined || s.tagPatternList !== undefined))
      throw fail(`tagPrefixList and tagPatternList are only allowed when tagStatus is tagged, not ${s.tagStatus}`);
    if (s.tagPrefixList !== undefined && s.tagPatternList !== undefined)
      throw fail('a rule may have tagPrefixList or tagPatternList, not both');
    for (const pattern of s.tagPatternList ?? [])
      if (pattern.split('*').length - 1 > 4) throw fail(`tagPatternList "${pattern}" has more than 4 wildcards (*)`);
    if (!['imageCountMoreThan', 'sinceImagePushed'].includes(s.countType))
      throw fail('selection.countType must be imageCountMoreThan or sinceImagePushed');
    if (s.countType === 'sinceImagePushed' && s.countUnit !== 'days')
      throw fail('countUnit must be days when countType is sinceImagePushed');
    if (s.countType === 'imageCountMoreThan' && s.countUnit !== undefined)
      throw fail('countUnit is not allowed when countType is imageCountMoreThan');
    if (!Number.isInteger(s.countNumber) || s.countNumber < 1)
      throw fail('selection.countNumber must be a positive integer');
    if (rule.action?.type !== 'expire') throw fail('action.type must be expire');
  }
  // A rule for any image must come last: it has the highest rulePriority of the policy.
  const highest = Math.max(...policy.rules.map((r) => r.rulePriority));
  const any = policy.rules.find((r) => r.selection.tagStatus === 'any' && r.rulePriority !== highest);
  if (any)
    throw fail(`the rule with tagStatus any (rulePriority ${any.rulePriority}) must have the highest rulePriority`);
  return policy.rules;
}

/** An image as a lifecycle rule sees it: its tags and when it was pushed. */

const DAY_MS = 24 * 60 * 60 * 1000;

/** `*` matches any run of characters; everything else matches itself. */
const patternMatches = (pattern: string, tag: string): boolean =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  ).test(tag);

/** Whether a rule's selection takes the image: every prefix (or pattern) in its list must match one of its tags. */
function selects(rule: LifecycleRule, image: LifecycleImage): boolean {
  const s = rule.selection;
  if (s.tagStatus === 'untagged') return image.tags.length === 0;
  if (s.tagStatus === 'any') return true;
  if (image.tags.length === 0) return false;
  if (s.tagPrefixList?.length) return s.tagPrefixList.every((p) => image.tags.some((t) => t.startsWith(p)));
  if (s.tagPatternList?.length) return s.tagPatternList.every((p) => image.tags.some((t) => patternMatches(p, t)));
  return false;
}

/**
 * The ids of the images ECR would expire under these rules at `now`. As ECR documents it: rules apply from the
 * lowest rulePriority up; a rule counts every image it selects (newest push first), but an image already selected
 * by an earlier rule is that rule's alone, so a later rule never expires it.
 */
export function expiredImages(rules: readonly LifecycleRule[], images: readonly LifecycleImage[], now: Date): string[] {
  const claimed = new Set<string>();
  const expired: string[] = [];
  for (const rule of [...rules].sort((a, b) => a.rulePriority - b.rulePriority)) {
    const chosen = images.filter((i) => selects(rule, i)).sort((a, b) => +b.pushedAt - +a.pushedAt);
    const { countType, countNumber } = rule.selection;
    const over =
      countType === 'imageCountMoreThan'
        ? chosen.slice(countNumber)
        : chosen.filter((i) => +now - +i.pushedAt > countNumber * DAY_MS);
    for (const image of over) if (!claimed.has(image.id)) expired.push(image.id);
    for (const image of chosen) claimed.add(image.id);
  }
  return expired;
}
