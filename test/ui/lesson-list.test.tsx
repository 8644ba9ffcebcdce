import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/app.js';
import { fakeActions } from './fake-actions.js';
import { keys, renderTui, waitFor } from './render-helper.js';

afterEach(cleanup);

describe('lesson list', () => {
  it('shows each lesson with its progress and the exercises of the selected one', async () => {
    // Given the course's two lessons
    const { actions } = fakeActions();
    // When the app opens on the list
    const ui = renderTui(<App actions={actions} start={{ screen: 'lessons' }} />);
    // Then each lesson shows how many exercises passed, with a mark per exercise
    await ui.see('1. Images', '1/3 exercises passed', '✓✘·', '2. Containers', '0/1 exercises passed');
    expect(ui.frame()).toContain('❯ 1. Images');
    expect(ui.frame()).toContain('✘ Tag an image');
    expect(ui.frame()).not.toContain('Run nginx');
  });

  it('moves the selection with j, arrows and n/p, and opens a lesson with enter', async () => {
    const { actions, saved } = fakeActions();
    const ui = renderTui(<App actions={actions} start={{ screen: 'lessons' }} />);
    await ui.see('❯ 1. Images');
    await ui.press('j');
    await ui.see('❯ 2. Containers', '· Run nginx');
    await ui.press(keys.up);
    await ui.see('❯ 1. Images');
    await ui.press('n');
    await ui.see('❯ 2. Containers');
    await ui.press(keys.enter);
    await ui.see('Containers', 'Step 1 of 1', 'docker run starts a container.');
    await waitFor(() => expect(saved).toContainEqual({ screen: 'lesson', lessonId: 'containers', step: 0 }));
  });

  it('comes back to the list with esc, selecting the lesson it came from', async () => {
    const { actions } = fakeActions();
    const ui = renderTui(<App actions={actions} start={{ screen: 'lesson', lessonId: 'containers', step: 0 }} />);
    await ui.see('Step 1 of 1');
    await ui.press(keys.escape);
    await ui.see('❯ 2. Containers');
  });

  it('shows an error instead of crashing when the lessons cannot be loaded', async () => {
    const { actions } = fakeActions({ lessons: () => Promise.reject(new Error('lessons/ is missing')) });
    const ui = renderTui(<App actions={actions} start={{ screen: 'lessons' }} />);
    await ui.see('lessons/ is missing');
  });
});
