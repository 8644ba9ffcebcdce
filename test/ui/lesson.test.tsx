import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/app.js';
import { cancellable, deferred, fakeActions } from './fake-actions.js';
import { keys, renderTui, waitFor } from './render-helper.js';

afterEach(cleanup);

const start = { screen: 'lesson', lessonId: 'images', step: 0 } as const;

describe('lesson screen', () => {
  it('steps with n and p, shows objectives on the first step only, then goes on to the exercises', async () => {
    const { actions, saved } = fakeActions();
    const ui = renderTui(<App actions={actions} start={start} />);
    await ui.see('Images', 'Step 1 of 3', 'Build an image from a Dockerfile', 'An image is a read-only template.');
    await ui.press('n');
    await ui.see('Step 2 of 3', 'Each instruction adds a layer.');
    expect(ui.frame()).not.toContain('Build an image from a Dockerfile');
    await ui.press('p');
    await ui.see('Step 1 of 3');
    await ui.press('n');
    await ui.press('n');
    await ui.see('Step 3 of 3', 'Exercises (press n to start)', '✓ Build your first image');
    await ui.press('n');
    await ui.see('Build your first image', 'Work in: /home/learner/containerlings/build-image');
    await waitFor(() => expect(saved.at(-1)).toEqual({ screen: 'exercise', exerciseId: 'build-image' }));
  });

  it('runs the step block with r and streams the last lines of output into a box', async () => {
    const run = deferred<number>();
    let output: (chunk: string) => void = () => undefined;
    const codes: string[] = [];
    const { actions } = fakeActions({
      runBlock: (code, onOutput) => {
        codes.push(code);
        output = onOutput;
        return run.promise;
      },
    });
    const ui = renderTui(<App actions={actions} start={start} />);
    await ui.see('Press r to run this');
    await ui.press('r');
    await ui.see('Running…', 'Esc to cancel', '(no output yet)');
    expect(codes).toEqual(['docker images']);
    for (let i = 1; i <= 20; i++) output(`line ${i}\n`);
    await ui.see('line 20', '… 5 earlier lines');
    expect(ui.frame()).toContain('line 6');
    expect(ui.frame()).not.toMatch(/line 5\b/);
    run.resolve(0);
    await ui.see('Done (exit code 0).');
    expect(ui.frame()).not.toContain('Esc to cancel');
  });

  it('asks for a number when a step has several blocks, and runs the chosen one', async () => {
    const codes: string[] = [];
    const { actions } = fakeActions({
      runBlock: async (code, onOutput) => {
        codes.push(code);
        onOutput('second!\n');
        return 3;
      },
    });
    const ui = renderTui(<App actions={actions} start={{ ...start, step: 2 }} />);
    await ui.see('Step 3 of 3', '1 echo first', '2 echo second');
    await ui.press('r');
    await ui.see('This step has 2 shell blocks: press 1-2 to run one.');
    expect(codes).toEqual([]);
    await ui.press('2');
    await ui.see('second!', 'The command failed with exit code 3.');
    expect(codes).toEqual(['echo second']);
  });

  it('cancels a running block with esc', async () => {
    let seen: AbortSignal | undefined;
    const { actions } = fakeActions({
      runBlock: (_code, _onOutput, signal) => {
        seen = signal;
        return cancellable(deferred<number>(), signal);
      },
    });
    const ui = renderTui(<App actions={actions} start={start} />);
    await ui.see('Step 1 of 3');
    await ui.press('r');
    await ui.see('Esc to cancel');
    ui.stdin.write(keys.escape);
    await ui.see('Cancelled.');
    expect(seen?.aborted).toBe(true);
    // Still on the lesson: esc cancelled the work, it did not go back.
    expect(ui.frame()).toContain('Step 1 of 3');
  });
});

describe('lessons given at start, rendered on demand', () => {
  it('shows the list in the first frame, and renders a lesson only when it is opened', async () => {
    const { actions } = fakeActions();
    const full = await actions.lessons();
    const bare = full.map((l) => ({ ...l, steps: l.steps.map((s) => ({ ...s, body: '' })), rendered: false }));
    const opened: string[] = [];
    const body = deferred<(typeof full)[number]>();
    const ui = renderTui(
      <App
        actions={{ ...actions, lessons: async () => bare, lesson: (id) => (opened.push(id), body.promise) }}
        start={{ screen: 'lessons' }}
        lessons={bare}
      />,
    );
    // The very first frame already is the list.
    expect(ui.frame()).toContain('Images');
    expect(ui.frame()).not.toContain('Loading lessons');
    expect(opened).toEqual([]);
    await ui.press(keys.enter);
    await ui.see('Loading the lesson…');
    await waitFor(() => expect(opened).toEqual(['images']));
    body.resolve(full[0]);
    await ui.see('Step 1 of 3', 'An image is a read-only template.');
  });
});
