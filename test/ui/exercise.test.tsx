import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/checks/kit/api.js';
import { UserError } from '../../src/errors.js';
import { App } from '../../src/ui/app.js';
import { deferred, exerciseView, fakeActions, passResult } from './fake-actions.js';
import { keys, renderTui, waitFor } from './render-helper.js';

afterEach(cleanup);

const start = { screen: 'exercise', exerciseId: 'tag-image' } as const;

describe('exercise screen', () => {
  it('shows the task, the folder to work in, and the keys', async () => {
    const { actions } = fakeActions();
    const ui = renderTui(<App actions={actions} start={start} />);
    await ui.see('✘ Tag an image', 'Task of Tag an image', 'Work in: /home/learner/containerlings/tag-image');
    await ui.see('3 hints available: press h.', 'Not checked yet', 'c check', 'h hint', 'x reset', 'w watch');
  });

  it('shows a failed, a passed and an errored check, with a spinner while it runs', async () => {
    const results: Array<ReturnType<typeof deferred<CheckResult>>> = [];
    const { actions } = fakeActions({
      check: () => {
        const d = deferred<CheckResult>();
        results.push(d);
        return d.promise;
      },
    });
    const ui = renderTui(<App actions={actions} start={start} />);
    await ui.see('Tag an image');

    await ui.press('c');
    await ui.see('Checking…', 'Esc to cancel');
    results[0]!.resolve({
      outcome: 'fail',
      message: 'No image is tagged web:1.0.',
      tryNext: 'Run docker tag web web:1.0',
      evidence: { image: 'sha256:abc', layers: 4, running: false },
    });
    await ui.see('✘ FAIL No image is tagged web:1.0.', 'Try next: Run docker tag web web:1.0');
    await ui.see('image: sha256:abc', 'layers: 4', 'running: false');
    expect(ui.frame()).not.toContain('Checking…');

    await ui.press('c');
    results[1]!.resolve({ outcome: 'pass', message: 'web:1.0 exists.', evidence: {} });
    await ui.see('✓ PASS web:1.0 exists.');
    expect(ui.frame()).not.toContain('FAIL');

    await ui.press('c');
    results[2]!.resolve({ outcome: 'error', message: 'The check could not reach the engine.', evidence: {} });
    await ui.see('! ERROR The check could not reach the engine.');
  });

  it('shows a rejected check as a message, with the next step of a user error', async () => {
    const { actions } = fakeActions({
      check: () =>
        Promise.reject(
          new UserError('Docker is not running.', 'Start it with sudo systemctl start docker, then press c.'),
        ),
    });
    const ui = renderTui(<App actions={actions} start={start} />);
    await ui.see('Tag an image');
    await ui.press('c');
    await ui.see('Docker is not running.', 'Start it with sudo systemctl start docker, then press c.');
    // The app is still alive and answering keys.
    await ui.press('h');
    await ui.see('Hint 1 of 3');
  });

  it('reveals hints one at a time, keeping the earlier ones', async () => {
    const { actions } = fakeActions();
    const ui = renderTui(<App actions={actions} start={start} />);
    await ui.see('3 hints available');
    await ui.press('h');
    await ui.see('Hint 1 of 3', 'Look at the FROM line.');
    expect(ui.frame()).not.toContain('Hint 2 of 3');
    await ui.press('h');
    await ui.see('Hint 1 of 3', 'Hint 2 of 3', 'Tags go after a colon.');
    await ui.press('h');
    await ui.press('h');
    await ui.see('All 3 hints are shown. Still stuck? Press g to give up');
  });

  it('h shows the hint for the mistake the last check named first, even after every progressive hint', async () => {
    const failed: CheckResult = {
      outcome: 'fail',
      message: 'The image runs as root.',
      diagnosis: 'image-as-root',
      evidence: {},
    };
    const { actions } = fakeActions(
      {},
      {
        hintsShown: ['Look at the FROM line.', 'Tags go after a colon.', 'Try docker tag.'],
        lastResult: failed,
        diagnosisHint: { id: 'image-as-root', hint: 'Add USER 10001 after the COPY.', shown: false },
      },
    );
    const ui = renderTui(<App actions={actions} start={start} />);
    await ui.see('A hint for the mistake your last check found: press h.');
    expect(ui.frame()).not.toContain('Add USER 10001');
    await ui.press('h');
    await ui.see('For the mistake your last check found', 'Add USER 10001 after the COPY.');
    expect(ui.frame()).not.toContain('press h.');
    await ui.press('h');
    await ui.see('All 3 hints are shown.');
  });

  it('asks before a reset; n cancels it and y resets', async () => {
    const resets: string[] = [];
    const { actions } = fakeActions({
      reset: async (id) => {
        resets.push(id);
        return 'Starter files restored; yours are in .backup/1.';
      },
    });
    const ui = renderTui(<App actions={actions} start={start} />);
    await ui.see('Tag an image');
    await ui.press('x');
    await ui.see('Reset this exercise?', '(y/n)', 'y yes', 'n no');
    await ui.press('n');
    await ui.see('Reset cancelled.');
    expect(ui.frame()).not.toContain('(y/n)');
    expect(resets).toEqual([]);
    await ui.press('x');
    await ui.see('(y/n)');
    await ui.press('y');
    await ui.see('Starter files restored; yours are in .backup/1.');
    expect(resets).toEqual(['tag-image']);
  });

  it('refuses the solution while locked, and shows it after a confirmed give-up', async () => {
    const { actions } = fakeActions();
    const ui = renderTui(<App actions={actions} start={start} />);
    await ui.see('Tag an image');
    await ui.press('s');
    await ui.see('The solution is locked. It unlocks when you pass the check, or when you give up with g.');
    expect(ui.frame()).not.toContain('FROM nginx:alpine');
    await ui.press('g');
    await ui.see('Give up on this exercise and unlock the solution? (y/n)');
    await ui.press('y');
    await ui.see('Solution unlocked: press s to see it.');
    await ui.press('s');
    await ui.see('Solution', 'FROM nginx:alpine', 'COPY site /usr/share/nginx/html');
    // Esc closes the solution before it leaves the screen.
    await ui.press(keys.escape);
    await waitFor(() => expect(ui.frame()).not.toContain('FROM nginx:alpine'));
    expect(ui.frame()).toContain('Tag an image');
  });

  it('starts the exercise once when opened; checks and hints read it without starting it again', async () => {
    const { actions, started } = fakeActions();
    const ui = renderTui(<App actions={actions} start={start} />);
    await ui.see('Tag an image');
    expect(started).toEqual(['tag-image']);
    await ui.press('c');
    await ui.see('✓ PASS');
    await ui.press('h');
    await ui.see('Hint 1 of 3');
    expect(started).toEqual(['tag-image']);
  });

  it('shows the verdict the tutor recorded, and none after a reset', async () => {
    const stored: { result?: CheckResult } = {};
    const { actions } = fakeActions({
      // The tutor's record is the one store: the screen shows what `exercise` reads back, not the check's return.
      check: async () => {
        stored.result = { outcome: 'fail', message: 'Recorded: no image yet.', evidence: {} };
        return passResult;
      },
      exercise: async (id) => exerciseView(id, { lastResult: stored.result }),
      reset: async () => {
        stored.result = undefined;
        return 'Back to the starter files.';
      },
    });
    const ui = renderTui(<App actions={actions} start={start} />);
    await ui.see('Not checked yet');
    await ui.press('c');
    await ui.see('✘ FAIL Recorded: no image yet.');
    expect(ui.frame()).not.toContain('PASS');
    await ui.press('x');
    await ui.press('y');
    await ui.see('Back to the starter files.', 'Not checked yet');
    expect(ui.frame()).not.toContain('Recorded');
  });

  it('shows a saved pass and lets the unlocked solution open at once', async () => {
    const { actions } = fakeActions({
      exercise: async (id) =>
        exerciseView(id, {
          solutionUnlocked: true,
          lastResult: { outcome: 'pass', message: 'Tagged earlier.', evidence: {} },
        }),
      solution: async () => 'FROM nginx:alpine',
    });
    const ui = renderTui(<App actions={actions} start={start} />);
    await ui.see('✓ PASS Tagged earlier.');
    await ui.press('s');
    await ui.see('FROM nginx:alpine');
  });
});
