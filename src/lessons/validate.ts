// Parses YAML and validates it with zod, reporting problems as file:line, field, and what was expected.
import { type Document, isMap, isNode, isScalar, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';

export interface ContentProblem {
  readonly file: string;
  readonly line?: number;
  readonly field?: string;
  readonly message: string;
}

export function formatProblem(p: ContentProblem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  return p.field ? `${where}: ${p.field}: ${p.message}` : `${where}: ${p.message}`;
}

/**
 * Validates YAML text against a schema. `lineOffset` is added to reported lines, for frontmatter
 * that starts below the top of its file.
 */
export function parseYaml<S extends z.ZodType>(
  schema: S,
  text: string,
  file: string,
  lineOffset = 0,
): { value?: z.infer<S>; problems: ContentProblem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => ({
        file,
        line: e.linePos ? e.linePos[0].line + lineOffset : undefined,
        message: `this is not valid YAML (${e.message.split('\n')[0]})`,
      })),
    };
  }
  let data: unknown;
  try {
    // yaml refuses a document whose aliases would expand it beyond maxAliasCount (an "alias bomb").
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { problems: [{ file, message: `this YAML cannot be read (${(e as Error).message.split('\n')[0]})` }] };
  }
  const result = schema.safeParse(data);
  if (result.success) return { value: result.data, problems: [] };
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    // Point at the deepest node that exists: a missing field is reported at its parent.
    let line: number | undefined;
    if (issue.code === 'unrecognized_keys') line = keyLine(doc, path, issue.keys[0], lines, lineOffset);
    for (let n = path.length; n >= 0 && line === undefined; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) line = lines.linePos(node.range[0]).line + lineOffset;
    }
    return {
      file,
      line,
      field: path.length ? path.join('.') : undefined,
      message: describeIssue(issue, valueAt(data, path)),
    };
  });
  return { problems };
}

function keyLine(doc: Document, path: (string | number)[], key: string, lines: LineCounter, offset: number) {
  const map = path.length ? doc.getIn(path, true) : doc.contents;
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  const range = isNode(pair?.key) ? pair.key.range : undefined;
  return range ? lines.linePos(range[0]).line + offset : undefined;
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>(
    (v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
    data,
  );
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined
        ? `is missing; expected ${issue.expected}`
        : `expected ${issue.expected}, found ${JSON.stringify(value)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')} (check the spelling)`;
    case 'invalid_format':
      return `expected ${issue.message.replace(/^Invalid string: /, '')}`;
    default:
      return issue.message;
  }
}
