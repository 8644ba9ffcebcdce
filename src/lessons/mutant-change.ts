// One change to one file of a solution, as the generators (mutants-*.ts) make it, and the words they share.
/** One change to one file, before it is given its file's name. */
export interface Change {
  /** What changed, as the mutant's id says it after the file's name: `drop USER 10001`. */
  readonly what: string;
  readonly kind: string;
  /** See Mutant.rank. */
  readonly rank: number;
  /** The file's new text. */
  readonly text: string;
  /** A name, tag or string it changed: what the mutant's commands create may carry the new one. */
  readonly renamed?: { readonly from: string; readonly to: string };
}

/** A value shown in an id: one line, at most 60 characters. */
export function shown(value: string): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}

/** A number with an optional unit (`64m`, `0.5`, `2s`, `256`) with its first number raised by one; else undefined. */
export function bumped(value: string): string | undefined {
  const m = /^(\d+)(\.\d+)?([a-zA-Z]*)$/.exec(value);
  return m ? `${Number(m[1]) + 1}${m[2] ?? ''}${m[3]}` : undefined;
}
