// Where the body viewport is scrolled to, and how each scroll key moves it. Pure: sizes come in as numbers
// measured by the view, so this can be reasoned about (and tested) without a terminal.
import { msg } from '../i18n/catalog.js';

/** The scroll keys' commands; keys.ts binds them, the reducer applies them. */
export type ScrollMove = 'lineUp' | 'lineDown' | 'pageUp' | 'pageDown' | 'top' | 'bottom';

export interface ScrollState {
  /** First visible row of the content. May exceed the maximum (`bottom` before new content is measured). */
  readonly offset: number;
  /** Rows the content takes at the current width, as ink laid it out. */
  readonly content: number;
  /** Rows the viewport shows. */
  readonly page: number;
}

export const scrollMoves: readonly ScrollMove[] = ['lineUp', 'lineDown', 'pageUp', 'pageDown', 'top', 'bottom'];

export function isScrollMove(command: string): command is ScrollMove {
  return (scrollMoves as readonly string[]).includes(command);
}

export const initialScroll: ScrollState = { offset: 0, content: 0, page: 0 };

export function maxOffset({ content, page }: ScrollState): number {
  return Math.max(0, content - page);
}

/** The row actually shown first: the offset kept within the content as measured now. */
export function visibleOffset(scroll: ScrollState): number {
  // Content 0 means not measured yet (just after closing help, which restores an offset): keep the offset
  // rather than flash the top for a frame.
  const unmeasured = Number.isFinite(scroll.offset) ? scroll.offset : 0;
  return Math.min(Math.max(0, scroll.offset), scroll.content > 0 ? maxOffset(scroll) : unmeasured);
}

export function canScroll(scroll: ScrollState): boolean {
  return scroll.content > scroll.page && scroll.page > 0;
}

export function scrollBy(scroll: ScrollState, move: ScrollMove): ScrollState {
  // A page keeps one row of the last page in view, so the reader does not lose the line they were on.
  const page = Math.max(1, scroll.page - 1);
  const from = visibleOffset(scroll);
  const to = {
    lineUp: from - 1,
    lineDown: from + 1,
    pageUp: from - page,
    pageDown: from + page,
    top: 0,
    // Content may be about to grow (a hint or a solution appended): clamp once it is measured, not now.
    bottom: Number.POSITIVE_INFINITY,
  }[move];
  return { ...scroll, offset: move === 'bottom' ? to : Math.min(Math.max(0, to), maxOffset(scroll)) };
}

/** "lines 1-20 of 58 · ↓ more", or nothing when everything fits. */
export function scrollIndicator(scroll: ScrollState): string | undefined {
  if (!canScroll(scroll)) return undefined;
  const first = visibleOffset(scroll);
  const last = Math.min(scroll.content, first + scroll.page);
  const above = first > 0;
  const below = last < scroll.content;
  const more = above && below ? msg('scroll.moreBoth') : below ? msg('scroll.moreBelow') : msg('scroll.moreAbove');
  return msg('scroll.lines', { first: first + 1, last, total: scroll.content, more });
}
