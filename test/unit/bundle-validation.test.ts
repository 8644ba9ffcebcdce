// Bundles are validated before the class report reads them: the zod schema agrees with the published results
// schema, a malformed bundle (or verification.json) is flagged with its file and field, and the rest still reports.
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sealBundle, type Bundle } from '../../src/grading/bundle.js';
import { resultsSchema } from '../../src/grading/bundle-schema.js';
import { buildReport, loadBundles } from '../../src/grading/report-model.js';
import { reportHtml } from '../../src/grading/report-html.js';
import { reportCsv, reportTable } from '../../src/grading/report-text.js';
import { readVerification } from '../../src/grading/verification.js';
import { checkHashes, generatedBundle } from '../support/bundles.js';
import { runCli, STACK_FRAME } from '../support/cli.js';
import { resultsValidator } from '../support/results-schema.js';

type Json = Record<string, unknown>;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
/** A copy of `doc` with the value at `path` replaced (undefined deletes it). */
function withValue(doc: unknown, path: (string | number)[], value: unknown): Json {
  const copy = clone(doc) as Json;
  let at: Json = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Json;
  if (at === null || typeof at !== 'object') return copy; // the profile of a document without one
  if (value === undefined) delete at[path.at(-1)!];
  else at[path.at(-1)!] = value;
  return copy;
}

const deep = (n: number) => JSON.parse('['.repeat(n) + ']'.repeat(n));

describe('the zod results schema and the published JSON schema', () => {
  const ajv = resultsValidator();
  const valid = generatedBundle(3).results;
  const withProfile = {
    ...valid,
    workshop: 'Class of 2030',
    engine: { endpoint: 'unix:///var/run/docker.sock', version: '20.10.24' },
    profile: {
      kind: 'docker-engine',
      name: 'Docker Engine',
      version: '20.10.24',
      apiVersion: '1.41',
      builder: 'buildkit',
      cgroupVersion: '1',
      rootless: false,
      swarm: false,
      loopbackRegistry: true,
      remote: false,
      loopback: 'reachable',
      ourLoopback: 'unknown',
      hostFiles: 'shared',
    },
    results: [{ ...valid.results[0], tryNext: 'docker build', checkedAt: '2030-01-01T10:00:00+02:00' }],
  };
  const r0 = ['results', 0];
  const documents: [string, unknown][] = [
    ['a generated document', valid],
    ['one with a profile, a workshop and tryNext', withProfile],
    ['no results', { ...valid, results: [], summary: { total: 0, pass: 0, fail: 0, error: 0 } }],
    ['checkHash 42', withValue(valid, [...r0, 'checkHash'], 42)],
    ['checkHash null', withValue(valid, [...r0, 'checkHash'], null)],
    ['checkHash short', withValue(valid, [...r0, 'checkHash'], 'sha256:abc')],
    ['an unknown outcome', withValue(valid, [...r0, 'outcome'], '<script>alert(1)</script>')],
    ['outcome "passed"', withValue(valid, [...r0, 'outcome'], 'passed')],
    ['no message', withValue(valid, [...r0, 'message'], undefined)],
    ['an unknown field', withValue(valid, [...r0, 'grade'], 'A')],
    ['an unknown top-level field', withValue(valid, ['extra'], 1)],
    ['a negative duration', withValue(valid, [...r0, 'durationMs'], -1)],
    ['a fractional duration', withValue(valid, ['durationMs'], 1.5)],
    ['a huge whole duration', withValue(valid, ['durationMs'], 1e21)],
    ['a date without a zone', withValue(valid, [...r0, 'checkedAt'], '2030-01-01T10:00:00')],
    ['a date that does not exist', withValue(valid, [...r0, 'checkedAt'], '2030-13-45T10:00:00Z')],
    ['a bad workspace id', withValue(valid, ['workspaceId'], 'WS-1')],
    ['an empty version', withValue(valid, ['containerlings'], '')],
    ['nested evidence', withValue(valid, [...r0, 'evidence'], { a: { b: 1 } })],
    ['deeply nested evidence', withValue(valid, [...r0, 'evidence'], { a: deep(5000) })],
    ['a deeply nested result list', withValue(valid, ['results'], deep(5000))],
    ['a bad repo digest', withValue(valid, [...r0, 'images', 0, 'repoDigests'], ['x@sha256:1'])],
    ['a good repo digest', withValue(valid, [...r0, 'images', 0, 'repoDigests'], [`r@sha256:${'a'.repeat(64)}`])],
    ['version 2', withValue(valid, ['version'], 2)],
    ['another format', withValue(valid, ['format'], 'containerlings-bundle')],
    ['a profile without its kind', withValue(withProfile, ['profile', 'kind'], undefined)],
    ['cgroup version as a number', withValue(withProfile, ['profile', 'cgroupVersion'], 2)],
    ['null', null],
    ['a list', []],
    ['a string', 'results'],
  ];

  it.each(documents)('agree on %s', (_name, doc) => {
    expect(resultsSchema.safeParse(doc).success).toBe(ajv(doc));
  });

  it('the list above holds both valid and invalid documents', () => {
    const verdicts = documents.map(([, doc]) => ajv(doc));
    expect(verdicts.filter(Boolean).length).toBe(5);
    expect(verdicts.filter((v) => !v).length).toBe(documents.length - 5);
  });

  it('agree on random changes to a valid document', { timeout: 60_000 }, () => {
    const paths: (string | number)[][] = [
      ['format'],
      ['version'],
      ['workspaceId'],
      ['engine'],
      ['engine', 'endpoint'],
      ['startedAt'],
      ['durationMs'],
      ['summary'],
      ['summary', 'pass'],
      ['results'],
      [...r0],
      [...r0, 'exercise'],
      [...r0, 'outcome'],
      [...r0, 'checkHash'],
      [...r0, 'evidence'],
      [...r0, 'evidence', 'image'],
      [...r0, 'images'],
      [...r0, 'images', 0, 'sizeBytes'],
      [...r0, 'images', 0, 'id'],
      [...r0, 'tryNext'],
      ['profile'],
      ['profile', 'builder'],
      ['unknown'],
    ];
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom(undefined, 'pass', 'error', 0, -0, 7, 2.5, 'ws-x1', `sha256:${'0'.repeat(64)}`),
      fc.constantFrom('2030-01-01T00:00:00Z', '2030-02-30T00:00:00Z', 'buildkit', {}, [], { image: true }),
    );
    fc.assert(
      fc.property(fc.constantFrom(valid, withProfile), fc.constantFrom(...paths), value, (doc, path, v) => {
        const changed = withValue(doc, path, v);
        expect(resultsSchema.safeParse(changed).success).toBe(ajv(changed));
      }),
      { numRuns: 600 },
    );
  });
});

describe('malformed bundles in the class report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'containerlings-bundles-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const put = (file: string, data: unknown) =>
    writeFileSync(join(dir, file), typeof data === 'string' ? data : JSON.stringify(data));
  const good = generatedBundle(1);
  const resealed = (edit: (b: Json) => void): Bundle => {
    const b = clone(good) as unknown as Json;
    edit(b);
    const { manifest: _ignored, ...rest } = b;
    return sealBundle(rest as unknown as Omit<Bundle, 'manifest'>);
  };
  const result0 = (b: Json) => ((b.results as Json).results as Json[])[0];
  put('good.containerlings-bundle.json', good);
  put(
    'hash42.containerlings-bundle.json',
    resealed((b) => (result0(b).checkHash = 42)),
  );
  put('null.containerlings-bundle.json', 'null');
  put('types.containerlings-bundle.json', { ...clone(good), student: 7, files: 'none' });
  put(
    'deep.containerlings-bundle.json',
    JSON.stringify({ ...good, results: 'DEEP' }).replace('"DEEP"', '['.repeat(100_000) + ']'.repeat(100_000)),
  );
  put(
    'outcome.containerlings-bundle.json',
    resealed((b) => (result0(b).outcome = 'hacked')),
  );
  put('broken.containerlings-bundle.json', '{"format": "containerlings-bundle", ');
  put('notes.json', { hello: 'not a bundle, left alone' });
  put('verification.json', { format: 'containerlings-verification', version: 1, results: [{ outcome: 'maybe' }] });
  execFileSync('mkfifo', [join(dir, 'fifo.containerlings-bundle.json')]);

  it('flags each with its file and field, and reports the rest of the class', async () => {
    const loaded = await loadBundles(dir);
    expect(loaded.bundles.map((b) => b.file)).toEqual(['good.containerlings-bundle.json']);
    const reasons = Object.fromEntries(loaded.unreadable.map((u) => [u.file, u.reason]));
    expect(reasons).toEqual({
      'broken.containerlings-bundle.json': expect.stringMatching(/^not JSON/),
      'deep.containerlings-bundle.json': expect.stringContaining('results: expected an object, found a list'),
      'fifo.containerlings-bundle.json': 'not a regular file',
      'hash42.containerlings-bundle.json': expect.stringContaining(
        'results.results[0].checkHash: expected a string, found 42',
      ),
      'null.containerlings-bundle.json': expect.stringContaining('expected an object, found null'),
      'outcome.containerlings-bundle.json': expect.stringContaining(
        'results.results[0].outcome: expected one of pass, fail, error, found "hacked"',
      ),
      'types.containerlings-bundle.json': expect.stringMatching(
        /student: expected a string, found 7; files: expected a list, found "none"/,
      ),
      'verification.json': expect.stringContaining('not a valid verify record: containerlings: is missing'),
    });
    expect(await readVerification(dir)).toBeUndefined();
    const report = buildReport(loaded, checkHashes());
    expect(report.students.map((s) => s.student)).toEqual(['student-01']);
    const table = reportTable(report);
    expect(table).toContain('⚑ hash42.containerlings-bundle.json: not a valid bundle: results.results[0].checkHash');
    expect(table).not.toMatch(/is not a function|at \w+ \(/);
    const csv = reportCsv(report).split('\r\n');
    expect(csv).toContainEqual(expect.stringMatching(/^,outcome\.containerlings-bundle\.json,(,)+.*outcome: expected/));
    expect(reportHtml(report)).toContain('types.containerlings-bundle.json: not a valid bundle: student: expected');
  });

  it('through the CLI: exit 1 with the flags, and an invalid verification.json is called unusable, not missing', async () => {
    const run = await runCli(['report', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).not.toMatch(STACK_FRAME);
    expect(run.stdout).toContain('⚑ null.containerlings-bundle.json: not a valid bundle');
    expect(run.stdout).toMatch(/verification\.json could not be used \(see its flag\): every result is self-reported/);
    expect(run.stdout).not.toMatch(/No verification\.json here/);
  });
});
