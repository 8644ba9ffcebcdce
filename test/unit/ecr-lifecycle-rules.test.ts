// ECR's lifecycle rules as the local evaluator applies them, and the ecr-lifecycle check judging policies by what
// ECR would expire: answers written other ways pass, policies that read right but expire the wrong images fail.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import check from '../../exercises/ecr-lifecycle/check.js';
import type { CheckKit, CheckResult } from '../../src/checks/kit/api.js';
import { expiredImages, validateLifecyclePolicy } from '../../src/sandbox/services/ecr/lifecycle.js';

const now = new Date('2026-01-10T00:00:00Z');
const img = (id: string, days: number, tags: string[] = []) => ({ id, tags, pushedAt: new Date(+now - days * 864e5) });
const rule = (rulePriority: number, selection: Record<string, unknown>) =>
  ({ rulePriority, selection, action: { type: 'expire' } }) as never;

describe('expiredImages (ECR lifecycle rules)', () => {
  const images = [img('a', 1, ['nightly-a']), img('b', 2, ['nightly-b', 'build-b']), img('c', 3, ['nightly-c'])];
  it('a prefix list selects images that match every prefix in it', () => {
    const r = rule(1, {
      tagStatus: 'tagged',
      tagPrefixList: ['nightly', 'build'],
      countType: 'imageCountMoreThan',
      countNumber: 0,
    });
    expect(expiredImages([r], images, now)).toEqual(['b']);
  });
  it('a pattern list matches * as any run of characters', () => {
    const r = rule(1, {
      tagStatus: 'tagged',
      tagPatternList: ['nightly-?'],
      countType: 'imageCountMoreThan',
      countNumber: 0,
    });
    expect(expiredImages([r], images, now)).toEqual([]);
    const star = rule(1, {
      tagStatus: 'tagged',
      tagPatternList: ['*ly-*'],
      countType: 'imageCountMoreThan',
      countNumber: 1,
    });
    expect(expiredImages([star], images, now)).toEqual(['b', 'c']);
  });
  it('an image an earlier rule selects is never expired by a later one', () => {
    const keepTen = { tagStatus: 'tagged', tagPrefixList: ['night'], countType: 'imageCountMoreThan', countNumber: 10 };
    const keepOne = {
      tagStatus: 'tagged',
      tagPrefixList: ['nightly'],
      countType: 'imageCountMoreThan',
      countNumber: 1,
    };
    expect(expiredImages([rule(1, keepTen), rule(2, keepOne)], images, now)).toEqual([]);
    expect(expiredImages([rule(2, keepTen), rule(1, keepOne)], images, now)).toEqual(['b', 'c']);
  });
  it('sinceImagePushed expires images older than the number of days; untagged selects images without tags', () => {
    const r = rule(1, { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 1 });
    expect(expiredImages([r], [...images, img('u1', 0.5), img('u2', 1.5)], now)).toEqual(['u2']);
  });
});

async function judge(policy: string): Promise<CheckResult> {
  const verdict = (outcome: 'pass' | 'fail') => (message: string) => ({ outcome, message, evidence: {} });
  const kit = {
    ecr: {
      repository: async () => ({ name: 'cl-nightly' }),
      lifecyclePolicy: async () => policy,
      wouldExpire: async (text: string, images: never[], at: Date) =>
        expiredImages(validateLifecyclePolicy(text), images, at),
    },
    pass: verdict('pass'),
    fail: verdict('fail'),
    diagnose: (diagnosis: string, message: string) => ({ ...verdict('fail')(message), diagnosis }),
  } as unknown as CheckKit;
  return check(kit);
}

const exercise = (file: string) => readFileSync(`exercises/ecr-lifecycle/${file}`, 'utf8');
const untaggedRule = { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 1 };
const policy = (...rules: object[]) =>
  JSON.stringify({
    rules: rules.map((selection, i) => ({ rulePriority: (i + 1) * 10, selection, action: { type: 'expire' } })),
  });

describe('validateLifecyclePolicy refuses what ECR refuses', () => {
  const rule = (priority: number, selection: object) => ({
    rulePriority: priority,
    selection,
    action: { type: 'expire' },
  });
  const policy = (...rules: object[]) => JSON.stringify({ rules });
  const tagged = { tagStatus: 'tagged', tagPrefixList: ['nightly'], countType: 'imageCountMoreThan', countNumber: 5 };
  const old = { tagStatus: 'any', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 30 };

  it.each([
    [
      'countUnit with imageCountMoreThan',
      policy(rule(1, { ...tagged, countUnit: 'days' })),
      /countUnit is not allowed/,
    ],
    [
      'a tagStatus any rule that is not last',
      policy(rule(1, old), rule(2, tagged)),
      /must have the highest rulePriority/,
    ],
    [
      'an untagged rule with tagPrefixList',
      policy(rule(1, { ...tagged, tagStatus: 'untagged' })),
      /only allowed when tagStatus is tagged, not untagged/,
    ],
    ['both lists in one rule', policy(rule(1, { ...tagged, tagPatternList: ['n*'] })), /not both/],
    [
      'a pattern with five wildcards',
      policy(rule(1, { ...tagged, tagPrefixList: undefined, tagPatternList: ['*a*b*c*d*'] })),
      /more than 4 wildcards/,
    ],
  ])('%s', (_, text, why) => {
    expect(() => validateLifecyclePolicy(text)).toThrow(why);
  });

  it('accepts the right forms: any last, days only with sinceImagePushed, a pattern list on a tagged rule', () => {
    expect(validateLifecyclePolicy(policy(rule(1, tagged), rule(2, old)))).toHaveLength(2);
    const patterned = { ...tagged, tagPrefixList: undefined, tagPatternList: ['nightly*'] };
    expect(validateLifecyclePolicy(policy(rule(1, patterned)))).toHaveLength(1);
  });
});

describe('the ecr-lifecycle check', () => {
  it('passes the solution and the same rules written with tagPatternList, in either order', async () => {
    expect((await judge(exercise('solution/policy.json'))).outcome).toBe('pass');
    const pattern = {
      tagStatus: 'tagged',
      tagPatternList: ['nightly*'],
      countType: 'imageCountMoreThan',
      countNumber: 5,
    };
    expect((await judge(policy(untaggedRule, pattern))).outcome).toBe('pass');
    expect((await judge(policy(pattern, untaggedRule))).outcome).toBe('pass');
  });
  it('fails each wrong attempt', async () => {
    for (const wrong of ['keeps-ten', 'no-untagged-rule', 'two-prefixes', 'shadowed-by-earlier-rule'])
      expect((await judge(exercise(`wrong/${wrong}/policy.json`))).outcome, wrong).toBe('fail');
  });
  it('fails an age limit on nightlies, a 2-day limit on untagged images, and a rule that expires releases', async () => {
    const byAge = {
      tagStatus: 'tagged',
      tagPrefixList: ['nightly'],
      countType: 'sinceImagePushed',
      countUnit: 'days',
      countNumber: 1,
    };
    expect((await judge(policy(untaggedRule, byAge))).outcome).toBe('fail');
    const nightly5 = {
      tagStatus: 'tagged',
      tagPrefixList: ['nightly'],
      countType: 'imageCountMoreThan',
      countNumber: 5,
    };
    expect((await judge(policy({ ...untaggedRule, countNumber: 2 }, nightly5))).outcome).toBe('fail');
    const any = { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 20 };
    expect((await judge(policy(untaggedRule, nightly5))).outcome).toBe('pass');
    expect((await judge(policy(untaggedRule, nightly5, { ...any, countNumber: 3 }))).outcome).toBe('fail');
  });
});

describe('validateLifecyclePolicy with null values', () => {
  const refused = (policy: unknown) => {
    try {
      validateLifecyclePolicy(JSON.stringify(policy));
    } catch (e) {
      return (e as Error).message;
    }
    return 'accepted';
  };
  const selection = { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 1 };
  it('says which value is null instead of failing on it', () => {
    expect(refused(null)).toMatch(/the policy is null; expected an object/);
    expect(refused({ rules: null })).toMatch(/rules is null; expected an array of rules/);
    expect(refused({ rules: [null] })).toMatch(/rules\[0\] is null; expected an object/);
    expect(refused({ rules: [{ rulePriority: 1, selection: null, action: { type: 'expire' } }] })).toMatch(
      /rules\[0\]\.selection is null; expected an object/,
    );
    expect(refused({ rules: [{ rulePriority: 1, selection, action: null }] })).toMatch(/rules\[0\]\.action is null/);
    expect(
      refused({
        rules: [{ rulePriority: 1, selection: { ...selection, tagPrefixList: null }, action: { type: 'expire' } }],
      }),
    ).toMatch(/rules\[0\]\.selection\.tagPrefixList is null/);
    expect(refused({ rules: [{ rulePriority: 1, selection, action: { type: 'expire' } }] })).toBe('accepted');
  });
});
