// cg-oom's swap rule on engines that cannot limit swap: there Docker records every --memory-swap as -1, so the check
// must not blame a learner who gave it; where the engine can limit swap, -1 is the learner's unlimited swap.
import { describe, expect, it } from 'vitest';
import check from '../../exercises/cg-oom/check.js';
import type { CheckKit, CheckResult } from '../../src/checks/kit/api.js';

const MIB = 1024 * 1024;

function kitFor(memorySwapBytes: number, swapLimitSupported: boolean): CheckKit {
  const hog = {
    name: 'cl-cg-hog',
    created: new Date(),
    running: false,
    status: 'exited',
    exitCode: 137,
    oomKilled: true,
    limits: { memoryBytes: 32 * MIB, memorySwapBytes },
  };
  return {
    container: async () => hog,
    since: () => true,
    swapLimitSupported: async () => swapLimitSupported,
    pass: (message: string, evidence = {}) => ({ outcome: 'pass', message, evidence }),
    fail: (message: string, _next: string, evidence = {}) => ({ outcome: 'fail', message, evidence }),
    diagnose: (diagnosis: string, message: string, _next: string, evidence = {}) => ({
      outcome: 'fail',
      message,
      evidence,
      diagnosis,
    }),
  } as unknown as CheckKit;
}

describe('cg-oom: --memory-swap', () => {
  it('is judged where the engine limits swap: -1 (unlimited) and twice the memory fail, equal passes', async () => {
    const unlimited = (await check(kitFor(-1, true))) as CheckResult;
    expect(unlimited).toMatchObject({ outcome: 'fail', diagnosis: 'swap-not-limited' });
    expect(unlimited.message).toMatch(/unlimited swap/);
    expect(await check(kitFor(64 * MIB, true))).toMatchObject({ outcome: 'fail', diagnosis: 'swap-not-limited' });
    expect(await check(kitFor(32 * MIB, true))).toMatchObject({ outcome: 'pass' });
  });

  it('is not judged where the engine records -1 because it cannot limit swap, and the evidence says so', async () => {
    const result = (await check(kitFor(-1, false))) as CheckResult;
    expect(result.outcome).toBe('pass');
    expect(result.evidence.swapLimit).toMatch(/cannot limit swap/);
    // A value other than -1 was really recorded: it is judged even then.
    expect(await check(kitFor(64 * MIB, false))).toMatchObject({ outcome: 'fail', diagnosis: 'swap-not-limited' });
  });
});
