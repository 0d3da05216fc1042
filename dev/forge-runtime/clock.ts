/**
 * The local world's clock. Forge runs the app on Atlassian's clock and Jira keeps its own; here the
 * app, the Jira emulator (`updated`, JQL's dates and relative times) and the KVS all run in one
 * process, so one offset from the machine's time moves all of them at once: a test or the shell can
 * run "tomorrow's" scheduled triggers and see what time alone changes (a due date coming closer),
 * with every party agreeing on what today is.
 *
 * The app's code is not touched: it reads time as in Forge, with `new Date()` and `Date.now()`. The
 * first time the clock is moved, the global `Date` is replaced by a proxy of the real one that adds
 * the offset to "now" (a date built from a value, `Date.UTC`, `Date.parse`, `instanceof Date` and
 * every Date method are the real ones). A process that never moves the clock keeps the real `Date`.
 * Timers are not touched: a delay of a minute still takes a minute.
 *
 * Move it only while nothing runs (`ForgeRuntime.fireScheduledTrigger(key, { at })` waits for the
 * runtime to be idle first): an invocation's time left is measured on this clock.
 */

const RealDate = Date;
let offsetMs = 0;
let installed = false;

function shiftedNow(): number {
  return RealDate.now() + offsetMs;
}

function install(): void {
  if (installed) return;
  installed = true;
  const shifted = new Proxy(RealDate, {
    construct(target, args: unknown[], newTarget: (...a: unknown[]) => unknown) {
      return Reflect.construct(target, args.length === 0 ? [shiftedNow()] : args, newTarget) as object;
    },
    // `Date()` called without `new` gives "now" as text.
    apply() {
      return new RealDate(shiftedNow()).toString();
    },
    get(target, property, receiver) {
      if (property === 'now') return shiftedNow;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  globalThis.Date = shifted;
}

export interface LocalClock {
  /** Now on the local clock. */
  now(): Date;
  /** How far the local clock is ahead of the machine's (negative: behind). */
  readonly offsetMs: number;
  /** Moves the clock so that it reads `time` now, and runs on from there. */
  setTo(time: Date | number): void;
  advance(ms: number): void;
  /** Back to the machine's time. */
  reset(): void;
}

export const localClock: LocalClock = {
  now: () => new RealDate(shiftedNow()),
  get offsetMs() {
    return offsetMs;
  },
  setTo(time) {
    const target = typeof time === 'number' ? time : time.getTime();
    if (!Number.isFinite(target)) throw new RangeError('The local clock needs a valid time.');
    install();
    offsetMs = target - RealDate.now();
  },
  advance(ms) {
    if (!Number.isFinite(ms)) throw new RangeError('The local clock moves by a finite number of milliseconds.');
    install();
    offsetMs += ms;
  },
  reset() {
    offsetMs = 0;
  },
};
