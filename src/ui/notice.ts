// Turns a rejected action into a line for the learner, so an error never takes the app down.
import { describeError } from '../errors.js';
import { msg } from '../i18n/catalog.js';
import type { Notice } from './state.js';

/** Our own bugs come with a stack; a few lines are enough on screen (the rest would push the view away). */
const maxErrorLines = 6;

export function isCancellation(error: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  const name = error instanceof Error ? error.name : undefined;
  return name === 'AbortError' || name === 'CancelledError';
}

export function noticeFromError(error: unknown, signal?: AbortSignal): Notice {
  if (isCancellation(error, signal)) return { tone: 'info', text: msg('notice.cancelled') };
  const lines = describeError(error).trimEnd().split('\n');
  const text = lines.length > maxErrorLines ? [...lines.slice(0, maxErrorLines), '…'].join('\n') : lines.join('\n');
  return { tone: 'error', text };
}
