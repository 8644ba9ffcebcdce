// The screen-reader layout (ink's isScreenReaderEnabled, here through INK_SCREEN_READER as the CLI's flag sets it):
// plain lines in order, no box drawing, outcomes in words, every key still in help, and nothing printed twice.
import { cleanup } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/checks/kit/api.js';
import { App } from '../../src/ui/app.js';
import { keyName } from '../../src/ui/key-spec.js';
import { keyBindings } from '../../src/ui/keys.js';
import { deferred, fakeActions } from './fake-actions.js';
import { renderTui } from './render-helper.js';

const boxDrawing = /[─│╭╮╰╯┌┐└┘]/;
const count = (text: string, part: string) => text.split(part).length - 1;

beforeEach(() => {
  process.env.INK_SCREEN_READER = 'true';
});
afterEach(() => {
  delete process.env.INK_SCREEN_READER;
  cleanup();
});

describe('screen-reader mode', () => {
  it('reads the lesson list as lines, with the selection and the keys in words', async () => {
    const { actions } = fakeActions();
    const ui = renderTui(<App actions={actions} start={{ screen: 'lessons' }} />);
    await ui.see(
      'Lessons',
      '1. Images',
      'Selected lesson 1 of',
      'Keys: n down, p up, enter open, t shell, ? help, q quit.',
    );
    await ui.press('n');
    await ui.see('Selected lesson 2 of');
    // The list was printed once; only the live line changed.
    expect(count(ui.frame(), '1. Images')).toBe(1);
    expect(ui.frame()).not.toMatch(boxDrawing);
    expect(ui.frame()).not.toContain('❯');
  });

  it('says a check in words and prints only what is new, never the exercise again', async () => {
    const result = deferred<CheckResult>();
    const { actions } = fakeActions({ check: () => result.promise });
    const ui = renderTui(<App actions={actions} start={{ screen: 'exercise', exerciseId: 'tag-image' }} />);
    await ui.see('(fail) Tag an image', 'Task of Tag an image', 'Keys: ');
    await ui.press('c');
    await ui.see('Checking… Press Esc to cancel.');
    result.resolve({ outcome: 'fail', message: 'No image is tagged web:1.0.', evidence: { image: 'none' } });
    await ui.see('check failed: No image is tagged web:1.0.');
    await ui.press('h');
    await ui.see('Hint 1 of 3:');
    const text = ui.frame();
    expect(count(text, 'Task of Tag an image')).toBe(1);
    expect(text).not.toContain('FAIL');
    expect(text).not.toMatch(boxDrawing);
    expect(text).not.toContain('Checking…');
    expect(text).toContain('s solution (locked)');
  });

  it('lists every key in help, without a box around it', async () => {
    const { actions } = fakeActions();
    const ui = renderTui(<App actions={actions} start={{ screen: 'exercise', exerciseId: 'tag-image' }} />);
    await ui.see('Tag an image');
    await ui.press('?');
    await ui.see('On this screen');
    const text = ui.frame();
    for (const b of keyBindings.filter((k) => k.contexts.includes('exercise'))) expect(text).toContain(b.help);
    expect(text).toContain(keyName('esc'));
    expect(text).not.toMatch(boxDrawing);
  });
});
