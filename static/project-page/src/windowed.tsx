/**
 * A small windowing helper for long lists: only the rows near the visible part of a scrolling box
 * are in the DOM, with spacers above and below sized from the measured average row height. Short
 * lists (≤ threshold) render whole. The box is focusable, so the keyboard scrolls it (arrows,
 * Page Up/Down, Home/End); tabbing through the rows scrolls the focused one into view, which moves
 * the window along (the overscan keeps the next rows rendered ahead of the focus).
 */
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { HTMLAttributes, RefCallback, UIEvent } from 'react';

export interface Windowed {
  /** Whether the list is windowed at all (long enough). */
  readonly active: boolean;
  readonly start: number;
  readonly end: number;
  /** Pixels of the spacer before the first rendered row and after the last. */
  readonly before: number;
  readonly after: number;
  /** Spread on the scrolling box. */
  readonly boxProps: HTMLAttributes<HTMLDivElement> & { ref: RefCallback<HTMLDivElement> };
  /** On the element whose children are the rendered rows (a tbody or a ul), to measure them. */
  readonly rowsRef: RefCallback<HTMLElement>;
}

/** `items`: the list shown (its rows are measured again when it changes); `label` names the scrolling box. */
export function useWindowed(items: readonly unknown[], label: string, options: { readonly estimate?: number; readonly overscan?: number; readonly threshold?: number } = {}): Windowed {
  const count = items.length;
  const { estimate = 48, overscan = 20, threshold = 150 } = options;
  const active = count > threshold;
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(720);
  const [rowHeight, setRowHeight] = useState(estimate);
  const rows = useRef<HTMLElement | null>(null);
  const box = useRef<HTMLDivElement | null>(null);

  const visible = Math.ceil(viewport / rowHeight);
  const first = Math.floor(scrollTop / rowHeight);
  const start = active ? Math.max(0, Math.min(count, first) - overscan) : 0;
  const end = active ? Math.min(count, first + visible + overscan) : count;

  // The average height of the rendered rows: variable rows (wrapped text, failing rules) keep the
  // spacers close to the real size, so the scroll bar does not jump. Measured again whenever the
  // rendered rows may differ: the window moved, or the items changed.
  useLayoutEffect(() => {
    const element = rows.current;
    if (!active || element === null) return;
    let total = 0;
    let measured = 0;
    for (const child of Array.from(element.children)) {
      if (child instanceof HTMLElement && child.dataset.spacer === undefined) {
        total += child.getBoundingClientRect().height;
        measured++;
      }
    }
    if (measured > 0) {
      const average = total / measured;
      if (average > 0 && Math.abs(average - rowHeight) > 1) setRowHeight(average);
    }
  }, [active, rowHeight, start, end, items]);

  const onScroll = useCallback((event: UIEvent<HTMLDivElement>) => {
    setScrollTop(event.currentTarget.scrollTop);
  }, []);
  const boxRef = useCallback((element: HTMLDivElement | null) => {
    box.current = element;
    if (element !== null && element.clientHeight > 0) setViewport(element.clientHeight);
  }, []);
  const rowsRef = useCallback((element: HTMLElement | null) => {
    rows.current = element;
  }, []);

  return {
    active,
    start,
    end,
    before: start * rowHeight,
    after: Math.max(0, (count - end) * rowHeight),
    boxProps: active
      ? { ref: boxRef, className: 'tl-window', tabIndex: 0, role: 'region', 'aria-label': `${label}: scroll for more`, onScroll }
      : { ref: boxRef },
    rowsRef,
  };
}
