import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/checks/kit/api.js';
import { App } from '../../src/ui/app.js';
import { keyName } from '../../src/ui/key-spec.js';
import { bindingsFor } from '../../src/ui/keys.js';
import { cancellable, deferred, fakeActions, passResult } from './fake-actions.js';
import { keys, renderTui, waitFor } from './render-helper.js';

afterEach(cleanup);

const start = { screen: 'exercise', exerciseId: 'tag-image' } as const;

describe('long work', () => {
  it.each([
    ['esc', keys.escape],
    ['ctrl-c', keys.ctrlC],
  ])('cancels a pending check with %s', async (_name, key) => {
    const signals: AbortSignal[] = [];
    const { actions } = fakeActions({
      check: (_id, signal) => {
        signals.push(signal);
        return cancellable(deferred<CheckResult>(), signal);
      },
    });
    const exits: unknown[] = [];
    const ui = renderTui(<App actions={actions} start={start} onExit={(r) => exits.push(r)} />);
    await ui.see('Tag an image');
    await ui.press('c');
    await ui.see('Checking…', 'Esc to cancel');
    expect(signals[0]?.aborted).toBe(false);
    ui.stdin.write(key);
    await ui.see('Cancelled.');
    expect(signals[0]?.aborted).toBe(true);
    expect(ui.frame()).not.toContain('Esc to cancel');
    // Cancelling neither left the exercise nor quit.
    expect(ui.frame()).toContain('Work in:');
    expect(exits).toEqual([]);
  });

  it('ignores other keys while a check runs', async () => {
    const check = deferred<CheckResult>();
    let hints = 0;
    let checks = 0;
    const { actions } = fakeActions({
      check: () => {
        checks++;
        return check.promise;
      },
      nextHint: async () => {
        hints++;
        throw new Error('should not be called');
      },
    });
    const exits: unknown[] = [];
    const ui = renderTui(<App actions={actions} start={start} onExit={(r) => exits.push(r)} />);
    await ui.see('Tag an image');
    await ui.press('c');
    await ui.see('Checking…');
    for (const key of ['h', 'c', 'q', 'n', 'x', keys.backspace]) ui.stdin.write(key);
    check.resolve(passResult);
    await ui.see('✓ PASS');
    expect({ hints, checks, exits }).toEqual({ hints: 0, checks: 1, exits: [] });
    expect(ui.frame()).toContain('Tag an image');
  });
});

describe('watch mode', () => {
  it('checks again when the exercise folder changes, until w turns it off', async () => {
    let onChange: (() => void) | undefined;
    let stopped = 0;
    let checks = 0;
    const { actions } = fakeActions({
      watch: (id, callback) => {
        expect(id).toBe('tag-image');
        onChange = callback;
        return () => stopped++;
      },
      check: async () => ({ ...passResult, message: `check number ${++checks}` }),
    });
    const ui = renderTui(<App actions={actions} start={start} />);
    await ui.see('Tag an image');
    await ui.press('w');
    await ui.see('Watch mode on: saving a file in /home/learner/containerlings/tag-image checks again.', '● watching');
    await waitFor(() => expect(onChange).toBeDefined());
    onChange!();
    await ui.see('check number 1');
    await ui.press('w');
    await ui.see('Watch mode off.');
    expect(ui.frame()).not.toContain('● watching');
    await waitFor(() => expect(stopped).toBe(1));
  });
});

describe('help', () => {
  it('lists every binding of the screen with its help text from keys.ts', async () => {
    const { actions } = fakeActions();
    // Tall enough for the whole overlay; scrolling it is tested in scroll.test.tsx.
    const ui = renderTui(<App actions={actions} start={start} />, { rows: 60 });
    await ui.see('Tag an image');
    await ui.press('?');
    await ui.see('Keys', 'On this screen', 'When asked to confirm', 'While a check, reset or command runs');
    for (const binding of [...bindingsFor('exercise'), ...bindingsFor('confirm'), ...bindingsFor('busy')]) {
      expect(ui.frame()).toContain(binding.help);
      expect(ui.frame()).toContain(binding.keys.map(keyName).join(' '));
    }
    // Lesson-list keys do not belong here.
    expect(ui.frame()).not.toContain('Open the selected lesson');
    await ui.press(keys.escape);
    await ui.see('Work in:');
    expect(ui.frame()).not.toContain('On this screen');
  });
});
