// A window onto a body taller than the rows it gets. ink lays the whole body out (so lines wrap exactly as
// ink wraps them), the window clips it, and a negative margin picks which rows show. The sizes ink computed
// go back up after each render, so scroll keys know how far they may go.
import { Box, Text, measureElement, type DOMElement } from 'ink';
import { useEffect, useRef, type ReactNode } from 'react';
import { scrollIndicator, type ScrollState } from '../scroll.js';

export interface ViewportSize {
  /** Rows the body takes once wrapped to the terminal's width. */
  readonly content: number;
  /** Rows the window shows. */
  readonly page: number;
}

export interface ViewportProps {
  /** First row of the body to show; the caller keeps it within the body. */
  readonly offset: number;
  /** The sizes the caller knows; compared with ink's layout after each render. */
  readonly measured: ViewportSize;
  /** Called after a render in which ink's sizes differ from `measured`. */
  readonly onMeasure: (size: ViewportSize) => void;
  readonly children: ReactNode;
}

/** Takes the rows its parent column has left (give the siblings `flexShrink={0}`). */
export function Viewport({ offset, measured, onMeasure, children }: ViewportProps) {
  const windowRef = useRef<DOMElement>(null);
  const bodyRef = useRef<DOMElement>(null);
  // No dependency list: the body, the terminal or a sibling above or below may have changed any size.
  useEffect(() => {
    if (!windowRef.current || !bodyRef.current) return;
    const size = { content: measureElement(bodyRef.current).height, page: measureElement(windowRef.current).height };
    if (size.content !== measured.content || size.page !== measured.page) onMeasure(size);
  });
  return (
    <Box ref={windowRef} flexDirection="column" flexGrow={1} flexShrink={1} flexBasis={0} overflow="hidden">
      {/* flexShrink 0: the body keeps its full height (what we measure), the window only clips it. */}
      <Box ref={bodyRef} flexDirection="column" flexShrink={0} marginTop={-offset}>
        {children}
      </Box>
    </Box>
  );
}

export interface ScrollIndicatorProps {
  readonly scroll: ScrollState;
}

/** "lines 1-20 of 58 · ↓ more" under the window; nothing when the body fits. */
export function ScrollIndicator({ scroll }: ScrollIndicatorProps) {
  const text = scrollIndicator(scroll);
  return text ? <Text dimColor>{text}</Text> : null;
}
