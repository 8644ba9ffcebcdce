// Mutants of an answer written as data: one field of a JSON or YAML file changed (a number raised by one, a string
// changed, a boolean flipped) or dropped, and one line of a .dockerignore dropped. YAML keeps its comments.
import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { bumped, shown, type Change } from './mutant-change.js';

type Path = (string | number)[];

const pathText = (path: Path) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(top)';

/** Prose that no check should read. */
const PROSE = new Set(['description', 'comment', 'comments']);

interface Leaf {
  readonly path: Path;
  readonly value: unknown;
}

/** Every field (map entry or list item) of the data, parents before children, in document order. */
function fieldsOf(data: unknown, path: Path = []): Leaf[] {
  const out: Leaf[] = [];
  if (Array.isArray(data))
    data.forEach((v, i) => out.push({ path: [...path, i], value: v }, ...fieldsOf(v, [...path, i])));
  else if (data && typeof data === 'object')
    for (const [k, v] of Object.entries(data)) out.push({ path: [...path, k], value: v }, ...fieldsOf(v, [...path, k]));
  return out;
}

/** The changed value of a scalar field, with its kind; undefined for one left alone. */
function changed(leaf: Leaf): { now: unknown; kind: string } | undefined {
  const { value, path } = leaf;
  if (typeof value === 'boolean') return { now: !value, kind: 'boolean' };
  if (typeof value === 'number') return { now: value + 1, kind: 'number' };
  if (typeof value !== 'string' || PROSE.has(String(path.at(-1)))) return undefined;
  const number = bumped(value);
  return number ? { now: number, kind: 'number' } : { now: `${value}x`, kind: 'string' };
}

export function dataMutants(source: string, format: 'json' | 'yaml'): Change[] {
  let data: unknown;
  let doc: () => Document | undefined;
  if (format === 'json') {
    try {
      data = JSON.parse(source);
    } catch {
      return [];
    }
    doc = () => undefined;
  } else {
    const parsed = parseDocument(source);
    if (parsed.errors.length) return [];
    data = parsed.toJS();
    doc = () => parseDocument(source);
  }
  const write = (path: Path, now: unknown | typeof DROP): string => {
    const yaml = doc();
    if (yaml) {
      if (now === DROP) yaml.deleteIn(path);
      else yaml.setIn(path, keepStyle(yaml, path, now));
      return yaml.toString();
    }
    const copy = structuredClone(data);
    const parent = path.slice(0, -1).reduce<any>((o, k) => o[k], copy); // eslint-disable-line @typescript-eslint/no-explicit-any
    const key = path.at(-1)!;
    if (now !== DROP) parent[key] = now;
    else if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
    return JSON.stringify(copy, null, 2) + '\n';
  };
  const changes: Change[] = [];
  for (const leaf of fieldsOf(data)) {
    const at = pathText(leaf.path);
    changes.push({ what: `drop ${at}`, kind: 'drop', rank: 0, text: write(leaf.path, DROP) });
    const change = changed(leaf);
    if (change)
      changes.push({
        what: `${at} ${shown(String(leaf.value))}→${shown(String(change.now))}`,
        kind: change.kind,
        rank: 1,
        text: write(leaf.path, change.now),
        ...(change.kind === 'string' ? { renamed: { from: String(leaf.value), to: String(change.now) } } : {}),
      });
  }
  return changes;
}

const DROP = Symbol('drop');

/** A new scalar that keeps the old one's quoting, so `"2s"` stays quoted. */
function keepStyle(doc: Document, path: Path, now: unknown): unknown {
  const node = doc.getIn(path, true);
  if (!isScalar(node) || isMap(node) || isSeq(node)) return now;
  const scalar = doc.createNode(now);
  if (isScalar(scalar) && node.type) scalar.type = node.type;
  return scalar;
}

/** Each pattern line of a .dockerignore dropped in turn. */
export function ignoreFileMutants(source: string): Change[] {
  const lines = source.split('\n');
  return lines.flatMap((line, i) =>
    line.trim() && !line.trim().startsWith('#')
      ? [
          {
            what: `drop ${shown(line)}`,
            kind: 'drop',
            rank: 0,
            text: [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n'),
          },
        ]
      : [],
  );
}
