// The keys the table in keys.ts names: which key press each one matches, and how it is written in the status bar
// and the help overlay.
import type { Key } from 'ink';

/** A printable character, or one of these named keys. `1-9` is any digit from 1 to 9. */
export type KeySpec =
  | string
  | 'enter'
  | 'esc'
  | 'backspace'
  | 'up'
  | 'down'
  | 'pageup'
  | 'pagedown'
  | 'home'
  | 'end'
  | 'space'
  | 'ctrl+c'
  | '1-9';

/** True when the key press is the key that `spec` names. */
export function keyMatches(spec: KeySpec, input: string, key: Key): boolean {
  switch (spec) {
    case 'enter':
      return key.return;
    case 'esc':
      return key.escape;
    // Most terminals send DEL (0x7f) for Backspace, which ink reports as `delete`.
    case 'backspace':
      return key.backspace || key.delete;
    case 'up':
      return key.upArrow;
    case 'down':
      return key.downArrow;
    case 'pageup':
      return key.pageUp;
    case 'pagedown':
      return key.pageDown;
    case 'home':
      return key.home;
    case 'end':
      return key.end;
    case 'space':
      return !key.ctrl && !key.meta && input === ' ';
    case 'ctrl+c':
      return key.ctrl && input === 'c';
    case '1-9':
      return !key.ctrl && !key.meta && /^[1-9]$/.test(input);
    default:
      return !key.ctrl && !key.meta && input === spec;
  }
}

/** How a key is written in the status bar and in help. */
export function keyName(spec: KeySpec): string {
  const names: Readonly<Record<string, string>> = {
    up: '↑',
    down: '↓',
    pageup: 'PgUp',
    pagedown: 'PgDn',
    home: 'Home',
    end: 'End',
  };
  return names[spec] ?? spec;
}
