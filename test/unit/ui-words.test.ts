// Given the TUI's sources, when every string literal, template part and JSX text is read, then none looks like
// English for the learner: the TUI's words live in the catalog (src/i18n), where they can be translated.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';

const UI = join(ROOT, 'src', 'ui');

/** Texts in src/ui that look like words but are not the learner's to read in their language, with why. */
const ALLOWED: Readonly<Record<string, string>> = {
  // Error names compared in notice.ts, never shown.
  AbortError: 'an error name',
  CancelledError: 'an error name',
  // Key names (keys.ts), as printed on the keys: like the key letters, they are not translated.
  PgUp: 'a key name',
  PgDn: 'a key name',
  Home: 'a key name',
  End: 'a key name',
  '(y/n)': 'key letters',
};

/** A text a learner would read as words: JSX text with any letter, or a literal that reads like a phrase. */
function looksLikeWords(text: string, isJsxText: boolean): boolean {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed in ALLOWED) return false;
  if (isJsxText) return /\p{L}/u.test(trimmed);
  // A word with a space before or after it ("Loading lessons", "↓ more", `lines ${first}`, `unavailable: ${why}`),
  // or one capitalised word ("Cancelled.", "Running").
  return /\s\p{L}{2,}|\p{L}{2,}[,:;.!?…]?\s/u.test(text) || /^\p{Lu}\p{Ll}+\b/u.test(trimmed);
}

/** Every text in `source` that looks like words, as `line: text`. */
function wordsIn(source: string, fileName: string): string[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, kind);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    // Module names and literal types are code, not text.
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isLiteralTypeNode(node)) return;
    const isText = ts.isStringLiteral(node) || ts.isTemplateLiteralToken(node) || ts.isJsxText(node);
    if (isText && looksLikeWords(node.text, ts.isJsxText(node))) {
      const line = file.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      found.push(`${line}: ${node.text.trim()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe("the TUI's words", () => {
  it('all come from the catalog: no English phrase is written into src/ui', () => {
    const found = sources(UI).flatMap((path) =>
      wordsIn(readFileSync(path, 'utf8'), path).map((hit) => `${relative(ROOT, path)}:${hit}`),
    );
    expect(found).toEqual([]);
  });

  it('would catch a phrase in JSX, in a string or in a template, and lets code through', () => {
    const tsx = (body: string) => wordsIn(`const a = ${body};`, 'x.tsx');
    expect(tsx('<Text>Loading things…</Text>')).toEqual(['1: Loading things…']);
    expect(tsx('<Text dimColor>Step {n} of {total}</Text>')).toEqual(['1: Step', '1: of']);
    expect(tsx("info('Watch mode off.')")).toEqual(['1: Watch mode off.']);
    expect(tsx("say('Cancelled.')")).toEqual(['1: Cancelled.']);
    expect(tsx('`lines ${first}-${last} of ${total}`')).toEqual(['1: lines', '1: of']);
    expect(tsx('`This step has ${n} shell blocks`')).toEqual(['1: This step has', '1: shell blocks']);
    expect(tsx("'check failed:'")).toEqual(['1: check failed:']);
    // Code: keys of the catalog, names, paths, key specs, colours, and a template that only joins values.
    expect(tsx("msg('lesson.stepOf', { n: 1 })")).toEqual([]);
    expect(tsx("['ctrl+c', 'pagedown', '1-9', 'cyan', 'round']")).toEqual([]);
    expect(tsx("<Box borderStyle='round'>{' '}{`${mark} ${word}`}</Box>")).toEqual([]);
    expect(wordsIn("import { x } from './Some Module.js';\ntype T = 'Two Words';", 'x.ts')).toEqual([]);
  });
});
