// One outcome theme: the mark, the word and the colour of every outcome and status, shared by the CLI, the TUI and
// the class report, so a pass looks the same everywhere (as ui/keys.ts is one table for keys). Plain data: it
// imports only the catalog of words (src/i18n), so no command loads ink or react for it. Its marks are one column
// wide in every terminal (✓, not the emoji-capable ✔), as the TUI's string-width fast path assumes
// (scripts/string-width-fast-path.mjs).

import { msg } from './i18n/catalog.js';

/** A colour both Ink (`<Text color>`) and the CLI's paint() know. */
export type Tone = 'green' | 'red' | 'yellow' | 'gray';

export interface Look {
  readonly mark: string;
  readonly word: string;
  readonly tone: Tone;
}

/** A check's outcome. */
export const OUTCOME = {
  pass: { mark: '✓', word: msg('outcome.pass'), tone: 'green' },
  fail: { mark: '✘', word: msg('outcome.fail'), tone: 'red' },
  error: { mark: '!', word: msg('outcome.error'), tone: 'yellow' },
} as const satisfies Record<'pass' | 'fail' | 'error', Look>;

/** Nothing yet: an exercise not checked, a result not handed in. */
export const NOTHING_YET = { mark: '·', word: msg('status.notYet'), tone: 'gray' } as const satisfies Look;

/** An exercise's status in a workspace. */
export const STATUS = {
  passed: OUTCOME.pass,
  failed: OUTCOME.fail,
  error: OUTCOME.error,
  todo: NOTHING_YET,
} as const satisfies Record<'passed' | 'failed' | 'error' | 'todo', Look>;

/** A result in the class report: an outcome, or missing (not handed in). */
export const HANDED_IN = {
  ...OUTCOME,
  missing: { ...NOTHING_YET, word: 'not handed in' },
} as const satisfies Record<'pass' | 'fail' | 'error' | 'missing', Look>;

/** A finding (doctor, audit, a service's state) or a step done: fine, worth a look, wrong. */
export const FINDING = {
  ok: OUTCOME.pass,
  warn: { mark: '!', word: 'warning', tone: 'yellow' },
  fail: OUTCOME.fail,
} as const satisfies Record<'ok' | 'warn' | 'fail', Look>;

/** Before the next thing to do: `✘ engine ... → start Docker`. */
export const NEXT_STEP = '→';
