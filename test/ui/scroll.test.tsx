// The body viewport: a step, exercise or help taller than the terminal keeps its header and status bar
// on screen and scrolls in between.
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/app.js';
import type { ExerciseView, LessonView, TutorActions } from '../../src/ui/model.js';
import { initialScroll, scrollBy, scrollIndicator, visibleOffset } from '../../src/ui/scroll.js';
import { fakeActions, lessons } from './fake-actions.js';
import { keys, renderTui, waitFor } from './render-helper.js';

afterEach(cleanup);

const lines = (count: number, text: (n: number) => string) =>
  Array.from({ length: count }, (_, i) => text(i + 1)).join('\n');

// Step 2 of "Images" becomes 100 lines long, with colours, as marked-terminal renders them.
const longLessons: readonly LessonView[] = [
  {
    ...lessons[0],
    steps: lessons[0].steps.map((step, i) =>
      i === 1 ? { ...step, body: lines(100, (n) => `\u001B[1mLine ${n}\u001B[22m of the long step.`) } : step,
    ),
  },
  ...lessons.slice(1),
];
const atLongStep = { screen: 'lesson', lessonId: 'images', step: 1 } as const;

function renderLong(rows: number) {
  const { actions } = fakeActions({ lessons: async () => longLessons });
  return renderTui(<App actions={actions} start={atLongStep} />, { rows });
}

describe('scroll state', () => {
  it('moves within the content, pages keep one row of context, and bottom waits for the new size', () => {
    const scroll = { ...initialScroll, content: 50, page: 10 };
    expect(scrollBy(scroll, 'lineUp').offset).toBe(0);
    expect(scrollBy(scroll, 'lineDown').offset).toBe(1);
    expect(scrollBy(scroll, 'pageDown').offset).toBe(9);
    expect(scrollBy({ ...scroll, offset: 38 }, 'pageDown').offset).toBe(40);
    expect(scrollBy({ ...scroll, offset: 5 }, 'pageUp').offset).toBe(0);
    expect(scrollBy(scroll, 'bottom').offset).toBe(Number.POSITIVE_INFINITY);
    // From "bottom", keys count from the last page as measured now.
    expect(scrollBy({ ...scroll, offset: Number.POSITIVE_INFINITY }, 'lineUp').offset).toBe(39);
  });

  it('shows a restored offset as it is until the content is measured', () => {
    expect(visibleOffset({ offset: 12, content: 0, page: 10 })).toBe(12);
    expect(visibleOffset({ offset: Number.POSITIVE_INFINITY, content: 0, page: 10 })).toBe(0);
    expect(visibleOffset({ offset: 12, content: 15, page: 10 })).toBe(5);
  });

  it('says which rows show and where there is more, and nothing when all fits', () => {
    const scroll = { ...initialScroll, content: 58, page: 30 };
    expect(scrollIndicator(scroll)).toBe('lines 1-30 of 58 · ↓ more');
    expect(scrollIndicator({ ...scroll, offset: 10 })).toBe('lines 11-40 of 58 · ↑↓ more');
    expect(scrollIndicator({ ...scroll, offset: 99 })).toBe('lines 29-58 of 58 · ↑ more');
    expect(scrollIndicator({ ...scroll, content: 30 })).toBeUndefined();
  });
});

describe('body viewport', () => {
  it('keeps the header and the status bar on screen around a 100-line step, and scrolls it', async () => {
    const ui = renderLong(20);
    // 19 rows: header 1, indicator 1, status bar 2, so the window shows 15 of 102 (blank, title, 100 lines).
    await ui.see('Images  Step 2 of 3', 'Layers', 'Line 13 of', 'lines 1-15 of 102 · ↓ more', 'n next', 'q quit');
    expect(ui.frame()).not.toContain('Line 14 of');
    expect(ui.frame().split('\n').length).toBeLessThanOrEqual(19);

    await ui.press(keys.down);
    await ui.see('Line 14 of', 'lines 2-16 of 102 · ↑↓ more');
    await ui.press('j');
    await ui.see('lines 3-17 of 102');
    expect(ui.frame()).not.toContain('Layers');

    await ui.press(' ');
    await ui.see('lines 17-31 of 102', 'Line 29 of', 'Images  Step 2 of 3', 'q quit');
    await ui.press(keys.pageDown);
    await ui.see('lines 31-45 of 102', 'Line 43 of');
    await ui.press('b');
    await ui.see('lines 17-31 of 102');
    await ui.press(keys.up);
    await ui.see('lines 16-30 of 102');

    await ui.press('>');
    await ui.see('Line 100 of', 'lines 88-102 of 102 · ↑ more', 'Images  Step 2 of 3');
    await ui.press(keys.home);
    await ui.see('Layers', 'lines 1-15 of 102 · ↓ more');
  });

  it('starts a step at its top, also when coming back to one that was scrolled', async () => {
    const ui = renderLong(20);
    await ui.see('lines 1-15 of 102');
    await ui.press(keys.end);
    await ui.see('Line 100 of');
    await ui.press('n');
    await ui.see('Step 3 of 3', 'Compare these two.');
    // Step 3 fits: no indicator, once it is measured.
    await waitFor(() => expect(ui.frame()).not.toContain('lines '));
    await ui.press('p');
    await ui.see('Step 2 of 3', 'Layers', 'Line 1 of', 'lines 1-15 of 102 · ↓ more');
    expect(ui.frame()).not.toContain('Line 100 of');
  });

  it('measures again when the terminal is resized', async () => {
    const ui = renderLong(20);
    await ui.see('lines 1-15 of 102');
    ui.resize(40);
    await ui.see('lines 1-35 of 102', 'Line 33 of');
    ui.resize(200);
    await waitFor(() => expect(ui.frame()).not.toContain('lines '));
    expect(ui.frame()).toContain('Line 100 of');
  });

  it('counts wrapped rows, not lines: a long line takes several rows of the window', async () => {
    const long = Array.from({ length: 50 }, () => '\u001B[36mabcd\u001B[39m').join(' ');
    const wrapped: readonly LessonView[] = [
      { ...lessons[0], steps: [{ title: 'Wide', body: lines(10, () => long), blocks: [] }], exercises: [] },
    ];
    const { actions } = fakeActions({ lessons: async () => wrapped });
    const ui = renderTui(<App actions={actions} start={{ screen: 'lesson', lessonId: 'images', step: 0 }} />, {
      rows: 20,
    });
    // 50 words of 5 columns wrap into 3 rows at 100 columns: 10 × 3 rows, after objectives (3) and title (2).
    await ui.see('lines 1-15 of 35');
  });

  it('scrolls down to a hint asked for below a long task, with the title still on top', async () => {
    const fake = fakeActions().actions;
    const longTask = (view: ExerciseView): ExerciseView => ({ ...view, task: lines(60, (n) => `Task line ${n}.`) });
    const actions: TutorActions = {
      ...fake,
      exercise: async (id) => longTask(await fake.exercise(id)),
      start: async (id) => longTask(await fake.start(id)),
      nextHint: async (id) => longTask(await fake.nextHint(id)),
    };
    const ui = renderTui(<App actions={actions} start={{ screen: 'exercise', exerciseId: 'tag-image' }} />, {
      rows: 20,
    });
    await ui.see('✘ Tag an image', 'Task line 1.', '↓ more');
    await ui.press('h');
    await ui.see('Hint 1 of 3', 'Look at the FROM line.', 'Not checked yet', '✘ Tag an image', '↑ more');
    expect(ui.frame()).not.toContain('Task line 1.');
  });

  it('scrolls the help overlay, and closing it returns to the place in the step', async () => {
    const ui = renderLong(15);
    await ui.see('lines 1-10 of 102');
    await ui.press(keys.pageDown);
    await ui.see('lines 10-19 of 102');
    await ui.press('?');
    await ui.see('Keys', 'On this screen', 'Images  Step 2 of 3', '↓ more');
    await ui.press('>');
    await ui.see('Press ? or esc to close.', '↑ more', 'Images  Step 2 of 3');
    expect(ui.frame()).not.toContain('On this screen');
    await ui.press(keys.escape);
    await ui.see('lines 10-19 of 102', 'Line 8 of');
  });
});
