// Loads the TUI's screens (ink, react, yoga) once. main.ts starts this as soon as it knows the TUI will open, so
// the biggest module loads while the command's own modules do.
import { colourRefused } from '../accessibility.js';

let loading: Promise<typeof import('../ui/run-tui.js')> | undefined;

export function loadInk(): Promise<typeof import('../ui/run-tui.js')> {
  // ink draws nothing until exit when it thinks it runs in CI (it checks CI when it loads). Only the TUI loads
  // it, and only on a terminal, so a person is watching: let it draw.
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  // NO_COLOR (no-color.org) for ink and marked-terminal too: their chalk reads FORCE_COLOR when it loads.
  if (colourRefused()) process.env.FORCE_COLOR = '0';
  return (loading ??= withoutFetch(() => import('../ui/run-tui.js')));
}

/**
 * yoga-layout (ink's layout engine) starts by asking `typeof fetch`, and in Node 20 that first look at fetch loads
 * its implementation, undici: about 20 ms before the first frame, for a fetch the TUI never makes then (yoga only
 * uses it to decode its embedded WebAssembly, which it also does without). Hide fetch while ink loads.
 */
async function withoutFetch<T>(load: () => Promise<T>): Promise<T> {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (!descriptor?.configurable) return load();
  Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return await load();
  } finally {
    Object.defineProperty(globalThis, 'fetch', descriptor);
  }
}
