/**
 * A small windowing helper for long lists: only the rows near the visible part of a scrolling box
 * are in the DOM, with spacers above and below sized from the measured average row height. Short
 * lists (≤ threshold) render whole. The box is focusable, so the keyboard scrolls it (arrows,
 * Page Up/Down, Home/End); tabbing through the rows scrolls the focused one into view, which moves
 * the window along (the overscan keeps the next rows rendered ahead of the focus).
 *
 * With `untilSeen`, a long list renders no row at all until its box first comes into view (an
 * IntersectionObserver): a vision map of 2,000 epics in nine lists draws only the lists on screen,
 * and each of the others when the user scrolls (or tabs) to it. Its box says which
 * (`data-rows="unseen" | "unknown" | "seen"`; unknown until the browser has said).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
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
export function useWindowed(items: readonly unknown[], label: string, options: { readonly estimate?: number; readonly overscan?: number; readonly threshold?: number; readonly untilSeen?: boolean } = {}): Windowed {
  const count = items.length;
  const { estimate = 48, overscan = 20, threshold = 150, untilSeen = false } = options;
  const active = count > threshold;
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(720);
  const [rowHeight, setRowHeight] = useState(estimate);
  const rows = useRef<HTMLElement | null>(null);
  const box = useRef<HTMLDivElement | null>(null);

  const gated = active && untilSeen;
  // Where the browser cannot say what is in view, every list counts as seen.
  const [seen, setSeen] = useState<'unknown' | 'unseen' | 'seen'>(() => (typeof IntersectionObserver === 'undefined' ? 'seen' : 'unknown'));
  useEffect(() => {
    const element = box.current;
    if (!gated || seen === 'seen' || element === null) return undefined;
    // Once seen, the rows stay: scrolling back and forth does not build them again.
    const watching = new IntersectionObserver((entries) => {
      setSeen(entries.some((entry) => entry.isIntersecting) ? 'seen' : 'unseen');
    });
    watching.observe(element);
    return () => {
      watching.disconnect();
    };
  }, [gated, seen]);
  const hidden = gated && seen !== 'seen';

  const visible = Math.ceil(viewport / rowHeight);
  const first = Math.floor(scrollTop / rowHeight);
  const start = hidden ? 0 : active ? Math.max(0, Math.min(count, first) - overscan) : 0;
  const end = hidden ? 0 : active ? Math.min(count, first + visible + overscan) : count;

  // The box's height and the average height of the rendered rows, from ResizeObservers: they report
  // after the browser's own layout, where reading sizes during React's commit would force a layout
  // of the whole page per list (on a map of 500 epics, half of its drawing). Variable rows (wrapped
  // text, failing rules) keep the spacers close to the real size, so the scroll bar does not jump.
  const measureRows = useCallback(() => {
    const element = rows.current;
    if (element === null) return;
    let total = 0;
    let measured = 0;
    for (const child of Array.from(element.children)) {
      if (child instanceof HTMLElement && child.dataset.spacer === undefined) {
        total += child.offsetHeight;
        measured++;
      }
    }
    const average = measured > 0 ? total / measured : 0;
    if (average > 0) setRowHeight((current) => (Math.abs(average - current) > 1 ? average : current));
  }, []);
  const observer = useRef<ResizeObserver | null>(null);
  useEffect(() => {
    if (!active || typeof ResizeObserver === 'undefined') return undefined;
    const watching = new ResizeObserver((entries) => {
      for (const entry of entries) {
        if (entry.target === box.current) setViewport((current) => (entry.contentRect.height > 0 ? entry.contentRect.height : current));
        else measureRows();
      }
    });
    observer.current = watching;
    if (box.current !== null) watching.observe(box.current);
    if (rows.current !== null) watching.observe(rows.current);
    return () => {
      watching.disconnect();
      observer.current = null;
    };
  }, [active, measureRows]);

  const onScroll = useCallback((event: UIEvent<HTMLDivElement>) => {
    setScrollTop(event.currentTarget.scrollTop);
    // The window moved: the rows now rendered may be taller or shorter than those before.
    measureRows();
  }, [measureRows]);
  const boxRef = useCallback((element: HTMLDivElement | null) => {
    if (box.current !== null) observer.current?.unobserve(box.current);
    box.current = element;
    if (element !== null) observer.current?.observe(element);
  }, []);
  const rowsRef = useCallback((element: HTMLElement | null) => {
    if (rows.current !== null) observer.current?.unobserve(rows.current);
    rows.current = element;
    if (element !== null) observer.current?.observe(element);
  }, []);

  return {
    active,
    start,
    end,
    before: start * rowHeight,
    after: Math.max(0, (count - end) * rowHeight),
    boxProps: active
      ? { ref: boxRef, className: 'tl-window', tabIndex: 0, role: 'region', 'aria-label': `${label}: scroll for more`, onScroll, ...(gated ? { 'data-rows': seen } : {}) }
      : { ref: boxRef },
    rowsRef,
  };
}
