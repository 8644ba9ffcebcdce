// Splits an instruction's arguments into shell words, as BuildKit does: quotes group and are removed, the escape
// character keeps the next character literal, and the leading words that start with -- are flags. Linear in the text.

/** An instruction's arguments: the flags at their start, as written, then the other words without quotes. */
interface Arguments {
  readonly flags: string[];
  readonly args: string[];
  /** Where the first argument after the flags starts (the text's length when there is none). */
  readonly argsAt: number;
}

export const NO_FLAGS: string[] = [];

export const isSpace = (c: number) => c === 32 || c === 9 || c === 13 || c === 11 || c === 12;

export function skipSpaces(s: string, from: number): number {
  let i = from;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i;
}

/**
 * Splits `s` into shell words; the leading words that start with -- are flags. Quotes group and are removed; the escape
 * character keeps the next character literal. A quote with no partner is an ordinary character: once a search for one
 * fails, no later one of that kind is searched for again, so the whole split stays linear.
 */
export function shellWords(s: string, escape = '\\'): Arguments {
  if (!s.includes('"') && !s.includes("'") && !s.includes(escape)) return plainWords(s);
  let flags = NO_FLAGS;
  const args: string[] = [];
  let argsAt = s.length;
  const unclosed = { '"': false, "'": false };
  let i = skipSpaces(s, 0);
  while (i < s.length) {
    const start = i;
    let value = '';
    let chunk = i;
    while (i < s.length && !isSpace(s.charCodeAt(i))) {
      const c = s[i];
      if (c === escape) {
        value += s.slice(chunk, i) + (s[i + 1] ?? '');
        i = chunk = Math.min(i + 2, s.length);
      } else if ((c === '"' || c === "'") && !unclosed[c]) {
        const quoted = c === "'" ? singleQuoted(s, i) : doubleQuoted(s, i, escape);
        if (!quoted) {
          unclosed[c] = true;
          i++;
          continue;
        }
        value += s.slice(chunk, i) + quoted.value;
        i = chunk = quoted.end;
      } else i++;
    }
    if (args.length === 0 && s.startsWith('--', start)) {
      if (flags === NO_FLAGS) flags = [];
      flags.push(s.slice(start, i));
    } else {
      if (args.length === 0) argsAt = start;
      args.push(chunk === start ? s.slice(start, i) : value + s.slice(chunk, i));
    }
    i = skipSpaces(s, i);
  }
  return { flags, args, argsAt };
}

const SPACES = /[ \t\r\v\f]+/;

/** shellWords for text without quotes or escapes (most instructions), with the engine's own split. */
function plainWords(s: string): Arguments {
  const words = s.split(SPACES);
  const first = words[0] === '' ? 1 : 0;
  const end = words.at(-1) === '' ? words.length - 1 : words.length;
  let at = first;
  while (at < end && words[at].startsWith('--')) at++;
  if (at === first)
    return { flags: NO_FLAGS, args: words.slice(first, end), argsAt: at < end ? skipSpaces(s, 0) : s.length };
  let argsAt = skipSpaces(s, 0);
  for (let w = first; w < at; w++) argsAt = skipSpaces(s, argsAt + words[w].length);
  return { flags: words.slice(first, at), args: words.slice(at, end), argsAt };
}

function singleQuoted(s: string, open: number): { value: string; end: number } | undefined {
  const close = s.indexOf("'", open + 1);
  return close < 0 ? undefined : { value: s.slice(open + 1, close), end: close + 1 };
}

/** Inside double quotes the escape character only escapes ", $ and itself. */
function doubleQuoted(s: string, open: number, escape: string): { value: string; end: number } | undefined {
  let value = '';
  let chunk = open + 1;
  for (let j = open + 1; j < s.length; j++) {
    const c = s[j];
    if (c === '"') return { value: value + s.slice(chunk, j), end: j + 1 };
    if (c === escape && (s[j + 1] === '"' || s[j + 1] === '$' || s[j + 1] === escape)) {
      value += s.slice(chunk, j) + s[j + 1];
      chunk = ++j + 1;
    }
  }
  return undefined;
}
