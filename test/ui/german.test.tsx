// Given CONTAINERLINGS_LANG=de, when the TUI is drawn, then its own words are German: headings, key help, questions,
// notices and the lesson's step count; a word the catalog lacks would be English. (keys.ts reads the language when it
// loads, so the modules are loaded afresh for each language.)
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CancelledError } from '../../src/errors.js';
import { fakeActions } from './fake-actions.js';
import { renderTui } from './render-helper.js';

afterEach(() => {
  cleanup();
  vi.unstubAllEnvs();
  vi.resetModules();
});

/** The UI's modules, loaded again after the language is set. */
async function inLanguage(lang: string) {
  vi.stubEnv('CONTAINERLINGS_LANG', lang);
  vi.resetModules();
  return {
    ...(await import('../../src/ui/app.js')),
    ...(await import('../../src/ui/components/help-overlay.js')),
    ...(await import('../../src/ui/components/notice-line.js')),
    ...(await import('../../src/ui/components/confirm-prompt.js')),
    ...(await import('../../src/ui/exercise/exercise-commands.js')),
    ...(await import('../../src/ui/notice.js')),
  };
}

async function helpOverlay(lang: string): Promise<string> {
  const { HelpOverlay } = await inLanguage(lang);
  const { lastFrame, unmount } = render(<HelpOverlay screen="exercise" />);
  const frame = lastFrame() ?? '';
  unmount();
  return frame;
}

describe('the TUI in German', () => {
  it('draws the help overlay in German, and in English by default', async () => {
    const german = await helpOverlay('de');
    expect(german).toContain('Tasten');
    expect(german).toContain('Auf diesem Bildschirm');
    expect(german).toContain('Deine Arbeit gegen die Engine prüfen');
    expect(german).not.toContain('Check your work');
    const english = await helpOverlay('en');
    expect(english).toContain('On this screen');
    expect(english).toContain('Check your work against the engine');
  });

  it('draws a notice and the confirm prompt in German', async () => {
    const { NoticeLine, ConfirmPrompt, confirmQuestion, noticeFromError } = await inLanguage('de');
    const notice = render(<NoticeLine notice={noticeFromError(new CancelledError())} />);
    expect(notice.lastFrame()).toContain('Abgebrochen.');
    const prompt = render(<ConfirmPrompt question={confirmQuestion('giveUp')} />);
    // The key letters stay y and n: they are the keys to press.
    expect(prompt.lastFrame()).toContain('Diese Übung aufgeben und die Lösung freischalten? (y/n)');
  });

  it('asks before a reset in German and says so when the answer is n', async () => {
    const { App } = await inLanguage('de');
    const { actions } = fakeActions();
    const ui = renderTui(<App actions={actions} start={{ screen: 'exercise', exerciseId: 'tag-image' }} />);
    await ui.see('Tag an image', 'c prüfen', 'x zurücksetzen');
    await ui.press('x');
    await ui.see('Diese Übung zurücksetzen?', 'deine Dateien werden gesichert', 'y ja', 'n nein');
    await ui.press('n');
    await ui.see('Zurücksetzen abgebrochen.');
    expect(ui.frame()).not.toContain('Reset cancelled');
  });

  it('counts the steps and runs a block in German', async () => {
    const { App } = await inLanguage('de');
    const { actions } = fakeActions();
    const ui = renderTui(<App actions={actions} start={{ screen: 'lesson', lessonId: 'images', step: 2 }} />);
    await ui.see('Schritt 3 von 3', 'Drück eine Zahl, um einen Block in der Sandbox auszuführen:');
    await ui.press('r');
    await ui.see('Dieser Schritt hat 2 Shell-Blöcke: drück 1-2, um einen davon auszuführen.');
    await ui.press('1');
    await ui.see('Fertig (Exit-Code 0).');
  });
});
