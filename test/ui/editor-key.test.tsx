// The learner's editor from the TUI: starting an exercise asks to open its main file, o asks for its folder, and
// what the tutor says about it (opened, or why not) shows as a notice. The opening itself: test/unit/editor.test.ts.
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/app.js';
import { fakeActions } from './fake-actions.js';
import { renderTui, waitFor } from './render-helper.js';

afterEach(cleanup);

describe('the editor keys', () => {
  it('opens the main file when the exercise starts, and the folder on o', async () => {
    const { actions, opened } = fakeActions();
    const ui = renderTui(<App actions={actions} start={{ screen: 'exercise', exerciseId: 'tag-image' }} />);
    await ui.see('Tag an image', 'o open folder');
    await waitFor(() => expect(opened).toEqual([{ id: 'tag-image', asked: false }]));
    await ui.press('o');
    await ui.see('Opened the folder of tag-image.');
    expect(opened).toEqual([
      { id: 'tag-image', asked: false },
      { id: 'tag-image', asked: true },
    ]);
  });

  it('shows why the editor did not open', async () => {
    const { actions } = fakeActions({
      openEditor: async () => 'vim runs in a terminal, and this one shows the tutorial',
    });
    const ui = renderTui(<App actions={actions} start={{ screen: 'exercise', exerciseId: 'tag-image' }} />);
    await ui.see('vim runs in a terminal, and this one shows the tutorial');
  });
});
