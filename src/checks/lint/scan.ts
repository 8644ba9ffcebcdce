// Reads a Dockerfile the way BuildKit does, for the linter: one pass over the lines, linear in the text, never throws.
// Parser directives at the top (only escape matters here), comments (also inside continuations), line continuation
// with the escape character, heredocs on RUN, COPY and ADD, flags before the arguments, JSON-form arguments.
import type { LintInstruction, LintModel } from './model.js';
import { isSpace, NO_FLAGS, shellWords, skipSpaces } from './words.js';

const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number) => c >= 48 && c <= 57;

const isBlankOrComment = (line: string) => {
  const i = skipSpaces(line, 0);
  return i === line.length || line[i] === '#';
};

/** `# key=value` before the first instruction, comment or blank line; key lowercased. */
function directive(line: string): { key: string; value: string } | undefined {
  if (line[0] !== '#') return undefined;
  let i = skipSpaces(line, 1);
  const keyStart = i;
  if (!isLetter(line.charCodeAt(i))) return undefined;
  while (isLetter(line.charCodeAt(i)) || isDigit(line.charCodeAt(i))) i++;
  const key = line.slice(keyStart, i).toLowerCase();
  i = skipSpaces(line, i);
  if (line[i] !== '=') return undefined;
  return { key, value: line.slice(i + 1).trim() };
}

/** Where the continuation escape sits when `line` ends with it (then only spaces or tabs), else -1. */
function continuationAt(line: string, escape: string): number {
  let i = line.length - 1;
  while (i >= 0 && (line[i] === ' ' || line[i] === '\t')) i--;
  return i >= 0 && line[i] === escape ? i : -1;
}

/** The heredoc a word opens (`<<EOF`, `<<-EOF`, `2<<"EOF"`), as BuildKit reads it: `^\d*<<-?[^<]*$`. */
function heredocOf(word: string): { name: string; stripTabs: boolean } | undefined {
  let i = 0;
  while (isDigit(word.charCodeAt(i))) i++;
  if (word[i] !== '<' || word[i + 1] !== '<') return undefined;
  i += 2;
  const stripTabs = word[i] === '-';
  const name = word.slice(stripTabs ? i + 1 : i);
  return name && !name.includes('<') ? { name, stripTabs } : undefined;
}

/** The array when `text` is a JSON array of strings (exec form), else undefined. */
function jsonStrings(text: string): string[] | undefined {
  if (text[0] !== '[') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((v) => typeof v === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An instruction whose words, when nothing needed them during the scan, are split on first read: the rules read few
 * instructions' args (a RUN is read as text), and not making those strings halves the time a long Dockerfile takes.
 */
class ScannedInstruction implements LintInstruction {
  #args: readonly string[] | undefined;
  readonly #rest: string;
  readonly #escape: string;

  constructor(
    readonly keyword: string,
    readonly flags: readonly string[],
    readonly text: string,
    readonly line: number,
    readonly stage: number,
    words: { args?: readonly string[]; rest: string; escape: string },
  ) {
    this.#args = words.args;
    this.#rest = words.rest;
    this.#escape = words.escape;
  }

  get args(): readonly string[] {
    return (this.#args ??= shellWords(this.#rest, this.#escape).args);
  }
}

export function scanDockerfile(source: string): LintModel {
  const lines = (source.charCodeAt(0) === 0xfeff ? source.slice(1) : source).split('\n');
  const lineAt = (n: number) => (lines[n].endsWith('\r') ? lines[n].slice(0, -1) : lines[n]);
  let escape = '\\';
  let n = 0;
  for (const seen = new Set<string>(); n < lines.length; n++) {
    const d = directive(lineAt(n));
    if (!d || !KNOWN_DIRECTIVES.has(d.key)) break; // an unknown directive is a comment, which ends them
    if (d.key === 'escape' && !seen.has('escape') && (d.value === '\\' || d.value === '`')) escape = d.value;
    seen.add(d.key);
  }

  const instructions: LintInstruction[] = [];
  const stageNames: string[] = [];
  let stage = -1;
  while (n < lines.length) {
    if (isBlankOrComment(lineAt(n))) {
      n++;
      continue;
    }
    const line = n + 1;
    // The logical line: each escape at a line's end joins the next line that is not blank or a comment.
    let logical = lineAt(n++);
    let at = continuationAt(logical, escape);
    if (at >= 0) {
      const parts: string[] = [];
      for (;;) {
        parts.push(logical.slice(0, at));
        while (n < lines.length && isBlankOrComment(lineAt(n))) n++;
        if (n >= lines.length) break;
        logical = lineAt(n++);
        at = continuationAt(logical, escape);
        if (at < 0) {
          parts.push(logical);
          break;
        }
      }
      logical = parts.join('');
    }
    const keywordStart = skipSpaces(logical, 0);
    let keywordEnd = keywordStart;
    while (keywordEnd < logical.length && !isSpace(logical.charCodeAt(keywordEnd))) keywordEnd++;
    if (keywordEnd === keywordStart) continue;
    const keyword = logical.slice(keywordStart, keywordEnd).toUpperCase();
    const rest = logical.slice(keywordEnd);

    // Flags, a heredoc, JSON or a stage name need the words now; otherwise they are split when first read.
    const argsAt = skipSpaces(rest, 0);
    const now = rest.startsWith('--', argsAt) || rest[argsAt] === '[' || keyword === 'FROM' || rest.includes('<<');
    const words = now ? shellWords(rest, escape) : undefined;
    let text = rest.slice(words ? words.argsAt : argsAt).trimEnd();
    const args = words ? (jsonStrings(text) ?? words.args) : undefined;

    // Heredoc bodies follow the logical line, in the order they were opened; they belong to this instruction.
    if (words && HEREDOC_KEYWORDS.has(keyword)) {
      const body: string[] = [];
      for (const word of words.args) {
        const doc = heredocOf(word);
        if (!doc) continue;
        while (n < lines.length) {
          const bodyLine = lineAt(n++);
          body.push(bodyLine);
          if ((doc.stripTabs ? bodyLine.replace(/^\t+/, '') : bodyLine) === doc.name) break;
        }
      }
      if (body.length) text = [text, ...body].join('\n').trimEnd();
    }

    if (args && keyword === 'FROM') {
      stage++;
      if (args[1]?.toLowerCase() === 'as' && args[2]) stageNames.push(args[2].toLowerCase());
    }
    instructions.push(
      new ScannedInstruction(keyword, words?.flags ?? NO_FLAGS, text, line, stage, { args, rest, escape }),
    );
  }
  return { instructions, stageNames, stages: stage + 1 };
}

/**
 * Parses Dockerfile text with the linter's own scanner: linear in the text, flags kept apart, quotes removed.
 * Synchronous inside; it stays a Promise so callers need not change.
 */
export function parseForLint(text: string): Promise<LintModel> {
  return Promise.resolve(scanDockerfile(text));
}
