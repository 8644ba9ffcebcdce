// One way to render a screen in tests and to wait on what it shows: poll a condition, never sleep a fixed time.
import { stripVTControlCharacters } from 'node:util';
import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { expect } from 'vitest';

/** Retries `assertion` until it passes or `timeout` ms pass; then throws its last error. */
export async function waitFor(assertion: () => void, timeout = 2000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

export const keys = {
  enter: '\r',
  escape: '\u001B',
  backspace: '\u007F',
  down: '\u001B[B',
  up: '\u001B[A',
  pageDown: '\u001B[6~',
  pageUp: '\u001B[5~',
  home: '\u001B[H',
  end: '\u001B[F',
  ctrlC: '\u0003',
} as const;

export interface RenderTuiOptions {
  /**
   * Terminal height. ink-testing-library's stdout has no `rows`, which the app reads as 24.
   * @default undefined
   */
  readonly rows?: number;
}

export function renderTui(tree: ReactElement, { rows }: RenderTuiOptions = {}) {
  const instance = render(tree);
  /** Gives the fake terminal a height (or a new one), as a real terminal's resize would. */
  const resize = (height: number) => {
    Object.assign(instance.stdout, { rows: height });
    instance.stdout.emit('resize');
  };
  if (rows !== undefined) resize(rows);
  /** The last frame without colours, so tests match on words. */
  const frame = () => stripVTControlCharacters(instance.lastFrame() ?? '');
  return {
    ...instance,
    frame,
    resize,
    /** Waits until the frame contains every one of `texts`. */
    async see(...texts: readonly string[]): Promise<void> {
      await waitFor(() => {
        for (const text of texts) expect(frame()).toContain(text);
      });
    },
    /** Writes a key and waits for the frame to change, so the next key meets the new state. */
    async press(key: string): Promise<void> {
      // ink attaches its key listener in an effect after the first render; a key written earlier is lost.
      await waitFor(() => expect(instance.stdin.listenerCount('readable')).toBeGreaterThan(0));
      const before = instance.frames.length;
      const last = frame();
      instance.stdin.write(key);
      await waitFor(() => {
        expect(instance.frames.length).toBeGreaterThan(before);
        expect(frame()).not.toBe(last);
      });
    },
  };
}
