// Who asked for the screen-reader layout or for no colour, and lesson Markdown without box drawing for it.
import { describe, expect, it } from 'vitest';
import { colourRefused, screenReaderWanted } from '../../src/accessibility.js';
import { renderMarkdown } from '../../src/lessons/markdown.js';

describe('screen-reader and colour choices', () => {
  it('takes the flag, CONTAINERLINGS_SCREEN_READER or ink’s INK_SCREEN_READER', () => {
    expect(screenReaderWanted(false, {})).toBe(false);
    expect(screenReaderWanted(true, {})).toBe(true);
    expect(screenReaderWanted(false, { CONTAINERLINGS_SCREEN_READER: '1' })).toBe(true);
    expect(screenReaderWanted(false, { INK_SCREEN_READER: 'true' })).toBe(true);
    expect(screenReaderWanted(false, { CONTAINERLINGS_SCREEN_READER: '0' })).toBe(false);
  });

  it('reads NO_COLOR as no-color.org says: present and not empty', () => {
    expect(colourRefused({ NO_COLOR: '1' })).toBe(true);
    expect(colourRefused({ NO_COLOR: '' })).toBe(false);
    expect(colourRefused({})).toBe(false);
  });
});

describe('plain Markdown', () => {
  const md = '# Title\n\n| flag | meaning |\n|---|---|\n| -d | detached |\n\n---\n\nAfter the rule.\n';
  const boxDrawing = /[─│┌┐└┘├┤┬┴┼]/;

  it('draws tables with borders by default, and as plain columns for a screen reader', async () => {
    expect(await renderMarkdown(md, 60)).toMatch(boxDrawing);
    const plain = await renderMarkdown(md, 60, true);
    expect(plain).not.toMatch(boxDrawing);
    expect(plain).not.toMatch(/-{10}/);
    expect(plain).toMatch(/-d\s+detached/);
    expect(plain).toContain('After the rule.');
  });
});
