/**
 * A gadget's answer, asked for as soon as the frame's first small script runs: the gadget reads
 * Jira's context (which gadget this is, view or edit) and starts its one resolver call while React
 * and the gadget's views load and start, instead of after (on the 10,000-issue site that was a
 * second of the gadget's budget). The view takes the answer once, while fresh; a refresh or a
 * retry asks anew.
 *
 * No React here: this module is in the frame's first script (main.tsx).
 */
import { view } from '@forge/bridge';
import type { FullContext } from '@forge/bridge';
import type { Result } from '../../../src/contract';
import { invokeResolver } from '../../common/invoke';
import { earlyReadOf } from './gadget-kinds';
import type { GadgetAnswers, GadgetRead } from './gadget-kinds';

/** Each read as a call (a mapped type, so that `ASK[key]()` keeps its key's answer type). */
const ASK: { readonly [K in GadgetRead]: () => Promise<Result<GadgetAnswers[K]>> } = {
  getVisionAlignment: () => invokeResolver('getVisionAlignment'),
  getTopOfBacklog: () => invokeResolver('getTopOfBacklog'),
  getSprintReadinessGadget: () => invokeResolver('getSprintReadinessGadget'),
};

/** Older than this, a prefetched answer is not used (the frame has been open long). */
const FRESH_MS = 30_000;

interface Prefetched {
  readonly at: number;
  readonly read: Promise<GadgetRead | undefined>;
  readonly answer: Promise<Result<GadgetAnswers[GadgetRead]> | undefined>;
}

let prefetched: Prefetched | undefined;
let context: Promise<FullContext> | undefined;

/** Jira's context for this frame, asked once and shared by the early read and the gadget's view. */
export function gadgetContext(): Promise<FullContext> {
  context ??= view.getContext();
  return context;
}

/** Starts the gadget's read (the view only). */
export function prefetchAnswer(): void {
  // Marks for bench/gadgets.bench.ts: where a gadget's first second goes.
  performance.mark('throughline:prefetch');
  const read = gadgetContext().then(
    (context) => {
      performance.mark('throughline:context');
      return earlyReadOf(context);
    },
    () => undefined,
  );
  const answer = read.then((key): Promise<Result<GadgetAnswers[GadgetRead]>> | undefined => (key === undefined ? undefined : ASK[key]()));
  // Handled where it is taken; a rejection never taken is not an unhandled one.
  answer.catch(() => undefined);
  prefetched = { at: Date.now(), read, answer };
}

/** The gadget's answer: the prefetched one, once, while fresh and for this read; else asked now. */
export async function readGadgetAnswer<K extends GadgetRead>(key: K): Promise<Result<GadgetAnswers[K]>> {
  const taken = prefetched;
  prefetched = undefined;
  if (taken !== undefined && Date.now() - taken.at <= FRESH_MS && (await taken.read) === key) {
    const early = (await taken.answer) as Result<GadgetAnswers[K]> | undefined;
    if (early !== undefined) return early;
  }
  return ASK[key]();
}
