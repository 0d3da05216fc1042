/**
 * The ranked backlog read a page at a time, as Jira keeps it in score order: each page is one
 * invocation (one search), its rows appended after those shown, never re-sorted, so a row that
 * appeared stays where it is. A key already shown is not shown twice (scores may change between
 * pages). When a page fails, the rows shown stay and the error is kept: `more()` tries the same
 * page again. `restart()` starts over (new filters, the user's Refresh); an answer to an older
 * start is dropped.
 *
 * The pager is plain TypeScript, tested without a browser; the hook only ties it to React state.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BacklogFiltersPayload, BacklogRowView, RankedBacklogPageView, Result } from '../../../src/contract';
import { settle } from '../../common/settle';
import type { UiError } from '../../common/settle';

export type BacklogList = RankedBacklogPageView['list'];
/** What the last page said besides its rows: the model, the notes, the themes to filter by. */
export type PageFacts = Omit<RankedBacklogPageView, 'rows' | 'next'>;

export interface PagedList {
  readonly rows: readonly BacklogRowView[];
  /** The last page's facts; null before the first page arrives. */
  readonly facts: PageFacts | null;
  /** The next page's cursor; null after the last page; undefined before the first page arrives. */
  readonly next: string | null | undefined;
  readonly loading: boolean;
  readonly error: UiError | undefined;
  /** Pages read since the start. */
  readonly pages: number;
}

export const EMPTY_LIST: PagedList = { rows: [], facts: null, next: undefined, loading: false, error: undefined, pages: 0 };

/** Reads one page of a list (undefined cursor: the first). */
export type PageReader = (cursor: string | undefined) => Promise<Result<RankedBacklogPageView>>;

/** The rows shown with a page appended: in the page's order, after the others, none twice. */
export function appendPage(rows: readonly BacklogRowView[], page: readonly BacklogRowView[]): BacklogRowView[] {
  const shown = new Set(rows.map((row) => row.key));
  const added = page.filter((row) => {
    if (shown.has(row.key)) return false;
    shown.add(row.key);
    return true;
  });
  return [...rows, ...added];
}

export class BacklogPager {
  #state: PagedList = EMPTY_LIST;
  #generation = 0;

  constructor(
    private readonly read: PageReader,
    private readonly listener: (state: PagedList) => void = () => undefined,
  ) {}

  get state(): PagedList {
    return this.#state;
  }

  /** Starts over from the first page (what was shown is dropped at once: the filters changed). */
  async restart(): Promise<void> {
    this.#generation++;
    this.#set({ ...EMPTY_LIST, loading: true });
    await this.#page(undefined, this.#generation);
  }

  /** The next page (or the one that failed), unless one is on its way or none is left. */
  async more(): Promise<void> {
    const state = this.#state;
    if (state.loading || state.next === null) return;
    if (state.next === undefined) {
      await this.restart();
      return;
    }
    this.#set({ ...state, loading: true, error: undefined });
    await this.#page(state.next, this.#generation);
  }

  #set(state: PagedList): void {
    this.#state = state;
    this.listener(state);
  }

  async #page(cursor: string | undefined, generation: number): Promise<void> {
    const answer = await settle(() => this.read(cursor));
    // Answers to an older start (filters changed since) are not this list's rows.
    if (generation !== this.#generation) return;
    const state = this.#state;
    if (!answer.ok) {
      this.#set({ ...state, loading: false, error: answer.error });
      return;
    }
    const { rows, next, ...facts } = answer.value;
    this.#set({ rows: appendPage(state.rows, rows), facts, next, loading: false, error: undefined, pages: state.pages + 1 });
  }
}

/** The filters chosen in the page, as the resolver takes them. */
export function filtersPayload(choice: { readonly theme: string; readonly epic: string; readonly status: string; readonly readiness: string }): BacklogFiltersPayload {
  const { theme, epic, status, readiness } = choice;
  return {
    ...(theme === '' ? {} : { theme: theme === 'none' ? null : theme }),
    ...(epic === '' ? {} : { epic }),
    ...(status === 'cat:new' || status === 'cat:indeterminate' ? { statusCategory: status.slice(4) as 'new' | 'indeterminate' } : status.startsWith('name:') ? { status: status.slice(5) } : {}),
    ...(readiness === 'ready' || readiness === 'not-ready' || readiness === 'not-applicable' ? { readiness } : {}),
  };
}

/** One list of the backlog for these filters (`filtersKey` identifies them), read as the user scrolls. */
export function useBacklogPages(read: (list: BacklogList, filters: BacklogFiltersPayload, cursor: string | undefined) => Promise<Result<RankedBacklogPageView>>, list: BacklogList, filters: BacklogFiltersPayload): { state: PagedList; more: () => void; restart: () => void } {
  const [state, setState] = useState<PagedList>({ ...EMPTY_LIST, loading: true });
  const filtersKey = JSON.stringify(filters);
  const pager = useRef<BacklogPager | null>(null);
  useEffect(() => {
    const current: BacklogPager = new BacklogPager(
      (cursor) => read(list, JSON.parse(filtersKey) as BacklogFiltersPayload, cursor),
      (next) => {
        if (pager.current === current) setState(next);
      },
    );
    pager.current = current;
    void current.restart();
    return () => {
      // A pager whose filters changed says nothing more.
      if (pager.current === current) pager.current = null;
    };
  }, [read, list, filtersKey]);
  const more = useCallback(() => {
    void pager.current?.more();
  }, []);
  const restart = useCallback(() => {
    void pager.current?.restart();
  }, []);
  return { state, more, restart };
}
