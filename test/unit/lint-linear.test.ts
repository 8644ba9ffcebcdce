// cleanup-later-layer in one pass: the same findings as the plain quadratic rule on random small Dockerfiles, and a
// 50,000-line Dockerfile linted in one go (its time is printed, not asserted: `npm run bench` measures speed).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LintFinding } from '../../src/checks/kit/api.js';
import { lintText } from '../../src/checks/lint/lint.js';
import type { LintInstruction, LintModel } from '../../src/checks/lint/model.js';
import { RULES } from '../../src/checks/lint/rules.js';
import { removedPaths } from '../../src/checks/lint/rules-layers.js';

// The rule as it was written before (quadratic: every RUN looks at every earlier instruction), as the reference;
// which paths an rm removes did not change, so that part is shared.
const isWholeContext = (src: string) => ['.', './', '*', './*'].includes(src);
const underDest = (path: string, dest: string) =>
  !path.startsWith('/') || (dest.startsWith('/') && dest !== '/' && path.startsWith(dest));
const installsApt = (i: LintInstruction) =>
  i.keyword === 'RUN' && /\bapt(-get)?\s+(-\S+\s+)*(update|install)\b/.test(i.text);

function reference(model: LintModel): { line: number; message: string }[] {
  const found: { line: number; message: string }[] = [];
  model.instructions.forEach((run, index) => {
    if (run.keyword !== 'RUN') return;
    const earlier = model.instructions.slice(0, index).filter((i) => i.stage === run.stage);
    const aptCleanup = /\bapt-get\s+(clean|autoclean)\b|\/var\/lib\/apt\/lists/.test(run.text);
    if (aptCleanup && !installsApt(run) && earlier.some(installsApt)) {
      found.push({ line: run.line, message: 'apt' });
      return;
    }
    for (const path of removedPaths(run)) {
      const maker = earlier.find(
        (i) =>
          (i.keyword === 'RUN' && i.text.includes(path)) ||
          ((i.keyword === 'COPY' || i.keyword === 'ADD') &&
            !i.flags.some((f) => f.startsWith('--from')) &&
            (i.args.some((a) => a.includes(path)) ||
              (i.args.slice(0, -1).some(isWholeContext) && underDest(path, i.args.at(-1)!)))),
      );
      if (!maker) continue;
      // The first maker removed the path in its own RUN: nothing of it is left in that layer (not a finding).
      if (maker.keyword === 'RUN' && removedPaths(maker).includes(path)) continue;
      found.push({ line: run.line, message: `rm ${path} ... ${maker.keyword} on line ${maker.line}` });
      return;
    }
  });
  return found;
}

const simplified = (findings: LintFinding[]) =>
  findings.map((f) => ({
    line: f.line,
    message: f.message.startsWith('This RUN cleans up apt')
      ? 'apt'
      : f.message.replace(/^(rm \S+) runs in a later layer than the (\w+ on line \d+).*$/, '$1 ... $2'),
  }));

// Small vocabularies, so paths overlap often (a, ab, /tmp/a, /tmp/ab...): that is where a fast rule goes wrong.
const path = fc.constantFrom(
  'a',
  'ab',
  'abc',
  '/tmp/a',
  '/tmp/ab',
  '/tmp/abc',
  '/app',
  '/app/a',
  '/app/ab',
  './ab',
  '.',
);
const command = fc.oneof(
  fc
    .tuple(fc.constantFrom('rm', 'rm -rf', 'rm -f'), fc.array(path, { minLength: 1, maxLength: 3 }))
    .map(([rm, ps]) => `${rm} ${ps.join(' ')}`),
  fc.tuple(fc.constantFrom('touch', 'wget -O', 'echo x >', 'tar -xf'), path).map(([c, p]) => `${c} ${p}`),
  fc.constantFrom('apt-get update', 'apt-get install -y curl', 'apt-get clean', 'rm -rf /var/lib/apt/lists/*', 'true'),
);
const instruction = fc.oneof(
  { weight: 5, arbitrary: fc.array(command, { minLength: 1, maxLength: 3 }).map((cs) => ['RUN', cs.join(' && ')]) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.constantFrom('COPY', 'ADD'),
        fc.constantFrom('', '--from=build', '--chown=1'),
        fc.array(fc.oneof(path, fc.constantFrom('.', './', '*', './*')), { minLength: 1, maxLength: 2 }),
        fc.constantFrom('/app', '/app/', '/', '.', '/tmp', 'a'),
      )
      .map(([k, flag, srcs, dest]) => [k, [flag, ...srcs, dest].filter(Boolean).join(' ')]),
  },
  { weight: 1, arbitrary: fc.constantFrom(['FROM', 'busybox:1.36'], ['FROM', 'busybox:1.36 AS build']) },
  { weight: 1, arbitrary: fc.constantFrom(['USER', '1'], ['WORKDIR', '/app'], ['ENV', 'A=/tmp/a']) },
);

/** The model as parseForLint builds it, without the parser (so hundreds of runs take well under a second). */
function modelOf(lines: readonly (readonly string[])[]): LintModel {
  let stage = 0;
  const instructions = [['FROM', 'busybox:1.36'], ...lines].map(([keyword, text], n): LintInstruction => {
    if (keyword === 'FROM' && n > 0) stage++;
    const values = keyword === 'RUN' ? text.split(/\s+/) : text.split(' ');
    return {
      keyword,
      text,
      args: values.filter((v) => !v.startsWith('--')),
      flags: values.filter((v) => v.startsWith('--')),
      line: n + 1,
      stage,
    };
  });
  return { instructions, stageNames: ['build'], stages: stage + 1 };
}

describe('cleanup-later-layer in linear time', () => {
  it('finds exactly what the quadratic rule finds, on random small Dockerfiles', { timeout: 60_000 }, () => {
    let withFindings = 0;
    fc.assert(
      fc.property(fc.array(instruction, { maxLength: 25 }), (lines) => {
        const model = modelOf(lines);
        const expected = reference(model);
        if (expected.length) withFindings++;
        expect(simplified(RULES['cleanup-later-layer'](model))).toEqual(expected);
      }),
      { numRuns: 1500 },
    );
    // The generator must produce Dockerfiles the rule flags, or the comparison proves little.
    expect(withFindings).toBeGreaterThan(300);
  });

  it('agrees through the real parser too', async () => {
    const text = [
      'FROM busybox:1.36 AS build',
      'RUN wget -O /tmp/sdk.tar http://x/sdk.tar',
      'COPY . /app',
      'RUN rm /tmp/sdk.tar && rm -rf /app/node_modules',
      'FROM busybox:1.36',
      'RUN rm /tmp/sdk.tar',
      'COPY --from=build /app /app',
      'RUN rm -rf /app/.git',
    ].join('\n');
    const { parseForLint } = await import('../../src/checks/lint/scan.js');
    const model = await parseForLint(text);
    expect(simplified(RULES['cleanup-later-layer'](model))).toEqual(reference(model));
    expect(reference(model)).toEqual([{ line: 4, message: 'rm /tmp/sdk.tar ... RUN on line 2' }]);
  });

  it('lints a 50,000-line Dockerfile in one pass', { timeout: 120_000 }, async () => {
    const lines = ['FROM debian:bookworm-slim'];
    for (let n = 0; lines.length < 50_000; n++)
      lines.push(`RUN wget -O /tmp/f${n}.tar http://x/${n}`, `COPY src${n} /app/`, `RUN rm /tmp/f${n}.tar`);
    lines.push('USER 10001');
    const t0 = performance.now();
    const findings = await lintText(lines.join('\n') + '\n');
    console.log(`lint of ${lines.length} lines: ${Math.round(performance.now() - t0)} ms`);
    const cleanups = findings.filter((f) => f.rule === 'cleanup-later-layer');
    expect(cleanups).toHaveLength((lines.length - 2) / 3);
    // Each rm names the wget two lines above it (line numbers are 1-based: wget n is on line 3n + 2).
    for (const [n, f] of cleanups.entries()) {
      expect(f.line).toBe(3 * n + 4);
      expect(f.message).toContain(`rm /tmp/f${n}.tar runs in a later layer than the RUN on line ${3 * n + 2}`);
    }
  });
});
