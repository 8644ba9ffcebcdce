import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { bindingFor, keyBindings, type KeyContext } from '../../src/ui/keys.js';

const noKey: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

describe('key bindings', () => {
  it('never gives one key two meanings in the same context', () => {
    const contexts: readonly KeyContext[] = ['lessons', 'lesson', 'exercise', 'help', 'confirm', 'busy'];
    for (const context of contexts) {
      const seen = keyBindings.filter((b) => b.contexts.includes(context)).flatMap((b) => b.keys);
      expect(new Set(seen).size, `duplicate key in ${context}`).toBe(seen.length);
    }
  });

  it('gives every binding a help text and a label', () => {
    for (const b of keyBindings) {
      expect(b.help.length, b.command).toBeGreaterThan(5);
      expect(b.label.length, b.command).toBeGreaterThan(1);
    }
  });

  it('reads n as next in a lesson but as down in the list, and digits as run-block', () => {
    expect(bindingFor('lesson', 'n', noKey)?.command).toBe('next');
    expect(bindingFor('lessons', 'n', noKey)?.command).toBe('down');
    expect(bindingFor('lessons', '', { ...noKey, downArrow: true })?.command).toBe('down');
    expect(bindingFor('lesson', '3', noKey)?.command).toBe('runBlock');
    expect(bindingFor('lesson', '0', noKey)).toBeUndefined();
    expect(bindingFor('exercise', 'c', noKey)?.command).toBe('check');
    expect(bindingFor('exercise', 'c', { ...noKey, ctrl: true })).toBeUndefined();
    expect(bindingFor('busy', 'c', { ...noKey, ctrl: true })?.command).toBe('cancel');
    expect(bindingFor('exercise', '', { ...noKey, delete: true })?.command).toBe('back');
  });

  it('scrolls with ↓/↑ on a step, an exercise and the help, but moves the selection with them in the list', () => {
    expect(bindingFor('lesson', '', { ...noKey, downArrow: true })?.command).toBe('lineDown');
    expect(bindingFor('exercise', 'k', noKey)?.command).toBe('lineUp');
    expect(bindingFor('help', '', { ...noKey, upArrow: true })?.command).toBe('lineUp');
    expect(bindingFor('lessons', '', { ...noKey, upArrow: true })?.command).toBe('up');
    expect(bindingFor('lessons', ' ', noKey)?.command).toBe('pageDown');
    expect(bindingFor('exercise', '', { ...noKey, pageUp: true })?.command).toBe('pageUp');
    expect(bindingFor('lesson', 'b', noKey)?.command).toBe('pageUp');
    expect(bindingFor('help', '', { ...noKey, end: true })?.command).toBe('bottom');
    expect(bindingFor('exercise', '<', noKey)?.command).toBe('top');
    // g stays give-up in an exercise; q and ? still work over the help.
    expect(bindingFor('exercise', 'g', noKey)?.command).toBe('giveUp');
    expect(bindingFor('help', 'q', noKey)?.command).toBe('quit');
    expect(bindingFor('help', 'n', noKey)).toBeUndefined();
  });
});
