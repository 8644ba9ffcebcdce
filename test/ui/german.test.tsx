// Given CONTAINERLINGS_LANG=de, when the help overlay is drawn, then its headings and key help are German; a word the
// catalog lacks would be English. (keys.ts reads the language when it loads, so the modules are loaded afresh.)
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

async function helpOverlay(lang: string): Promise<string> {
  vi.stubEnv('CONTAINERLINGS_LANG', lang);
  vi.resetModules();
  const { HelpOverlay } = await import('../../src/ui/components/help-overlay.js');
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
});
