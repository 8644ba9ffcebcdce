// Every key binding of the TUI, defined once: the input handler, the status bar and the help overlay
// all read this table, so a key can't do one thing and be documented as another.
import type { Key } from 'ink';
import { msg } from '../i18n/catalog.js';
import { keyMatches, type KeySpec } from './key-spec.js';
import type { Location } from './model.js';
import type { ScrollMove } from './scroll.js';

export type Screen = Location['screen'];
/** Where a key is read: a screen, or a mode that takes over the keyboard (the help overlay is one). */
export type KeyContext = Screen | 'help' | 'confirm' | 'busy';

export type Command =
  | 'check'
  | 'hint'
  | 'reset'
  | 'solution'
  | 'giveUp'
  | 'watch'
  | 'edit'
  | 'next'
  | 'previous'
  | 'down'
  | 'up'
  | 'open'
  | 'back'
  | 'run'
  | 'runBlock'
  | 'shell'
  | 'help'
  | 'quit'
  | 'yes'
  | 'no'
  | 'cancel'
  | ScrollMove;

export interface KeyBinding {
  readonly command: Command;
  readonly keys: readonly KeySpec[];
  /** One or two words for the status bar. */
  readonly label: string;
  /** One line for the help overlay. */
  readonly help: string;
  readonly contexts: readonly KeyContext[];
  /** Shown in the status bar; the rest appear only in the help overlay. */
  readonly inStatusBar: boolean;
}

const screens: readonly Screen[] = ['lessons', 'lesson', 'exercise'];
// ↑/↓ move the selection in the list, so only the page keys scroll there. `g` is give-up in an exercise,
// hence less's `<`/`>` (with Home/End) for top and bottom rather than vim's g/G.
const lineScrolled: readonly KeyContext[] = ['lesson', 'exercise', 'help'];
const pageScrolled: readonly KeyContext[] = [...screens, 'help'];

/** A key's status-bar word and help line, in the learner's language (src/i18n/catalog.ts). */
const words = (command: Command) => ({
  label: msg(`key.${command}`),
  help: msg(`key.${command}.help`),
});

export const keyBindings: readonly KeyBinding[] = [
  {
    command: 'down',
    keys: ['n', 'j', 'down'],
    ...words('down'),
    contexts: ['lessons'],
    inStatusBar: true,
  },
  {
    command: 'up',
    keys: ['p', 'k', 'up'],
    ...words('up'),
    contexts: ['lessons'],
    inStatusBar: true,
  },
  {
    command: 'open',
    keys: ['enter'],
    ...words('open'),
    contexts: ['lessons'],
    inStatusBar: true,
  },
  {
    command: 'next',
    keys: ['n'],
    ...words('next'),
    contexts: ['lesson', 'exercise'],
    inStatusBar: true,
  },
  {
    command: 'previous',
    keys: ['p'],
    ...words('previous'),
    contexts: ['lesson', 'exercise'],
    inStatusBar: true,
  },
  {
    command: 'run',
    keys: ['r'],
    ...words('run'),
    contexts: ['lesson'],
    inStatusBar: true,
  },
  {
    command: 'runBlock',
    keys: ['1-9'],
    ...words('runBlock'),
    contexts: ['lesson'],
    inStatusBar: false,
  },
  {
    command: 'check',
    keys: ['c'],
    ...words('check'),
    contexts: ['exercise'],
    inStatusBar: true,
  },
  {
    command: 'hint',
    keys: ['h'],
    ...words('hint'),
    contexts: ['exercise'],
    inStatusBar: true,
  },
  {
    command: 'reset',
    keys: ['x'],
    ...words('reset'),
    contexts: ['exercise'],
    inStatusBar: true,
  },
  {
    command: 'solution',
    keys: ['s'],
    ...words('solution'),
    contexts: ['exercise'],
    inStatusBar: true,
  },
  {
    command: 'giveUp',
    keys: ['g'],
    ...words('giveUp'),
    contexts: ['exercise'],
    inStatusBar: false,
  },
  {
    command: 'watch',
    keys: ['w'],
    ...words('watch'),
    contexts: ['exercise'],
    inStatusBar: true,
  },
  {
    command: 'edit',
    keys: ['o'],
    ...words('edit'),
    contexts: ['exercise'],
    inStatusBar: true,
  },
  {
    command: 'back',
    keys: ['esc', 'backspace'],
    ...words('back'),
    contexts: ['lesson', 'exercise'],
    inStatusBar: true,
  },
  {
    command: 'lineDown',
    keys: ['down', 'j'],
    ...words('lineDown'),
    contexts: lineScrolled,
    inStatusBar: true,
  },
  {
    command: 'lineUp',
    keys: ['up', 'k'],
    ...words('lineUp'),
    contexts: lineScrolled,
    inStatusBar: false,
  },
  {
    command: 'pageDown',
    keys: ['space', 'pagedown'],
    ...words('pageDown'),
    contexts: pageScrolled,
    inStatusBar: false,
  },
  {
    command: 'pageUp',
    keys: ['b', 'pageup'],
    ...words('pageUp'),
    contexts: pageScrolled,
    inStatusBar: false,
  },
  {
    command: 'top',
    keys: ['home', '<'],
    ...words('top'),
    contexts: pageScrolled,
    inStatusBar: false,
  },
  {
    command: 'bottom',
    keys: ['end', '>'],
    ...words('bottom'),
    contexts: pageScrolled,
    inStatusBar: false,
  },
  {
    command: 'shell',
    keys: ['t'],
    ...words('shell'),
    contexts: screens,
    inStatusBar: true,
  },
  {
    command: 'help',
    keys: ['?'],
    ...words('help'),
    contexts: [...screens, 'help'],
    inStatusBar: true,
  },
  {
    command: 'quit',
    keys: ['q'],
    ...words('quit'),
    contexts: [...screens, 'help'],
    inStatusBar: true,
  },
  { command: 'yes', keys: ['y'], ...words('yes'), contexts: ['confirm'], inStatusBar: true },
  { command: 'no', keys: ['n', 'esc'], ...words('no'), contexts: ['confirm'], inStatusBar: true },
  {
    command: 'cancel',
    keys: ['esc', 'ctrl+c'],
    ...words('cancel'),
    contexts: ['busy'],
    inStatusBar: true,
  },
];

/** The binding a key press triggers in a context, if any. */
export function bindingFor(context: KeyContext, input: string, key: Key): KeyBinding | undefined {
  return keyBindings.find((b) => b.contexts.includes(context) && b.keys.some((spec) => keyMatches(spec, input, key)));
}

export function bindingsFor(context: KeyContext): readonly KeyBinding[] {
  return keyBindings.filter((b) => b.contexts.includes(context));
}
