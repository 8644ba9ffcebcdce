// The zod schemas of what the class report reads from students and from verify: the results document (matching the
// published schemas/results-v1.schema.json), the bundle around it, and verification.json. Imported on demand only.
import { z } from 'zod';
import type { Bundle } from './bundle.js';
import type { VerificationRecord } from './verification.js';

/** RFC 3339 date-time, as the published schema's `format: date-time` (and its ajv test format) reads it. */
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const SHA256 = /^sha256:[0-9a-f]{64}$/;
const ID = /^[a-z0-9][a-z0-9-]*$/;

const str = () => z.string({ error: 'expected a string' });
const dateTime = () =>
  str()
    .regex(DATE_TIME, { error: 'expected a date and time like 2030-01-01T10:00:00Z' })
    .refine((s) => !Number.isNaN(Date.parse(s)), { error: 'expected a date and time that exists' });
const sha = () => str().regex(SHA256, { error: 'expected sha256: and 64 hex digits' });
const id = () => str().regex(ID, { error: 'expected lowercase letters, digits and dashes' });
const count = () =>
  z
    .number({ error: 'expected a number' })
    .min(0, { error: 'expected 0 or more' })
    .refine(Number.isInteger, { error: 'expected a whole number' });
const bool = () => z.boolean({ error: 'expected true or false' });
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `expected one of ${values.join(', ')}` });
const outcome = () => oneOf(['pass', 'fail', 'error'] as const);
const evidence = () =>
  z.record(str(), z.union([z.string(), z.number(), z.boolean()], { error: 'expected a string, number or boolean' }));

const image = z.strictObject({
  ref: str(),
  id: sha(),
  sizeBytes: count(),
  created: dateTime(),
  repoDigests: z.array(str().regex(/@sha256:[0-9a-f]{64}$/, { error: 'expected ...@sha256: and 64 hex digits' })),
});

const result = z.strictObject({
  exercise: id(),
  lesson: id(),
  title: str(),
  outcome: outcome(),
  message: str(),
  tryNext: str().optional(),
  diagnosis: id().optional(),
  startedAt: dateTime().optional(),
  checkedAt: dateTime(),
  durationMs: count(),
  evidence: evidence(),
  images: z.array(image),
  checkHash: sha(),
});

const tri = () => oneOf(['reachable', 'unreachable', 'unknown'] as const);

/** schemas/results-v1.schema.json, as zod (test/unit/bundle-validation.test.ts keeps the two in agreement). */
export const resultsSchema = z.strictObject({
  format: z.literal('containerlings-results', { error: 'expected "containerlings-results"' }),
  version: z.literal(1, { error: 'expected 1' }),
  containerlings: str().min(1, { error: 'expected a version' }),
  workspaceId: str().regex(/^ws-[a-z0-9]+$/, { error: 'expected ws- and lowercase letters or digits' }),
  workshop: str().optional(),
  engine: z.strictObject({ endpoint: str(), version: str().optional() }),
  profile: z
    .strictObject({
      kind: oneOf(['docker-engine', 'docker-desktop', 'podman', 'other'] as const),
      name: str(),
      version: str(),
      apiVersion: str(),
      builder: oneOf(['buildkit', 'legacy', 'buildah'] as const),
      cgroupVersion: oneOf(['1', '2', 'unknown'] as const),
      rootless: bool(),
      swarm: bool(),
      loopbackRegistry: bool(),
      remote: bool(),
      loopback: tri(),
      ourLoopback: tri(),
      hostFiles: oneOf(['shared', 'unshared', 'unknown'] as const),
    })
    .optional(),
  startedAt: dateTime(),
  finishedAt: dateTime(),
  durationMs: count(),
  summary: z.strictObject({ total: count(), pass: count(), fail: count(), error: count() }),
  results: z.array(result),
});

/** The bundle `submit` writes (not a published schema: only its results document is). */
export const bundleSchema = z.object({
  format: z.literal('containerlings-bundle', { error: 'expected "containerlings-bundle"' }),
  version: z.literal(1, { error: 'expected 1 (a bundle from another containerlings version?)' }),
  student: str().min(1, { error: 'expected a name' }),
  createdAt: str(),
  workshop: z.object({ title: str(), registry: str().optional() }).optional(),
  results: resultsSchema,
  pushed: z.array(z.object({ exercise: str(), image: str(), imageId: str(), reference: str(), digest: str() })),
  files: z.array(z.object({ path: str(), content: str() })),
  manifest: z.object({
    algorithm: z.literal('sha256', { error: 'expected "sha256"' }),
    parts: z.record(str(), str()),
    digest: str(),
  }),
});

export const verificationSchema = z.object({
  format: z.literal('containerlings-verification', { error: 'expected "containerlings-verification"' }),
  version: z.literal(1, { error: 'expected 1' }),
  containerlings: str(),
  engine: str(),
  results: z.array(
    z.object({
      bundleDigest: str(),
      student: str(),
      exercise: str(),
      pulled: str(),
      outcome: outcome(),
      message: str(),
      evidence: evidence(),
      problems: z.array(str()),
      checkHash: str(),
      verifiedAt: str(),
    }),
  ),
});

const ARTICLE: Readonly<Record<string, string>> = { object: 'an object', array: 'a list', int: 'a whole number' };

function shown(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const key of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** `results.results[0].checkHash`: where in the file the problem is. */
export function fieldOf(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`))
    .join('')
    .slice(0, 120);
}

function describe(issue: z.core.$ZodIssue, data: unknown): string {
  const field = fieldOf(issue.path);
  const value = valueAt(data, issue.path);
  let what: string;
  if (issue.code === 'unrecognized_keys')
    what = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.slice(0, 5).join(', ').slice(0, 120)}`;
  else {
    const expected =
      issue.code === 'invalid_type' && ARTICLE[issue.expected] ? `expected ${ARTICLE[issue.expected]}` : issue.message;
    what = value === undefined ? `is missing (${expected})` : `${expected}, found ${shown(value)}`;
  }
  return field ? `${field}: ${what}` : what;
}

/** What is wrong with a document, one line per problem (at most three and a count), or [] when it is valid. */
function problemsOf(schema: z.ZodType, data: unknown): string[] {
  const parsed = schema.safeParse(data);
  if (parsed.success) return [];
  const issues = parsed.error.issues;
  const lines = issues.slice(0, 3).map((issue) => describe(issue, data));
  return issues.length > 3 ? [...lines, `and ${issues.length - 3} more`] : lines;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: string[] };

export function checkBundle(data: unknown): Checked<Bundle> {
  const problems = problemsOf(bundleSchema, data);
  return problems.length ? { ok: false, problems } : { ok: true, value: data as Bundle };
}

export function checkVerification(data: unknown): Checked<VerificationRecord> {
  const problems = problemsOf(verificationSchema, data);
  return problems.length ? { ok: false, problems } : { ok: true, value: data as VerificationRecord };
}
