/**
 * The local clock (dev/forge-runtime/clock.ts): moving it moves "now" for the app's code, the Jira
 * emulator and everything else in the process, while every other use of Date stays the real one;
 * firing a scheduled trigger "at" a time sets it. The daily recompute's tests run on it
 * (test/integration/background/daily-recompute.test.ts).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { localClock } from '../../../dev/forge-runtime';
import { startJiraEmulator } from '../../../dev/jira-emulator';
import { DEMO } from '../settings/support';
import { fixtureRuntime } from './helpers';

const T = Date.UTC(2030, 0, 15, 12, 0);

afterAll(() => {
  localClock.reset();
});

describe('the local clock', () => {
  it('moves "now" and nothing else of Date', () => {
    const before = new Date(1_000);
    localClock.setTo(T);
    expect(Math.abs(Date.now() - T)).toBeLessThan(5_000);
    expect(Math.abs(new Date().getTime() - T)).toBeLessThan(5_000);
    expect(Date()).toContain('2030');
    expect(new Date(0).toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(new Date('2024-05-01T00:00:00Z').getTime()).toBe(Date.UTC(2024, 4, 1));
    expect(Date.parse('2024-05-01')).toBe(Date.UTC(2024, 4, 1));
    // Dates made before the clock moved, after it, and by a subclass are all Dates.
    expect(before instanceof Date).toBe(true);
    expect(new Date() instanceof Date).toBe(true);
    class Stamp extends Date {}
    expect(new Stamp(5).getTime()).toBe(5);
    expect(new Stamp() instanceof Date).toBe(true);
    expect(Object.prototype.toString.call(new Date())).toBe('[object Date]');
    localClock.advance(86_400_000);
    expect(Math.abs(Date.now() - T - 86_400_000)).toBeLessThan(5_000);
    expect(Math.abs(localClock.now().getTime() - Date.now())).toBeLessThan(1_000);
    localClock.reset();
    expect(localClock.offsetMs).toBe(0);
    expect(Math.abs(Date.now() - performance.timeOrigin - performance.now())).toBeLessThan(5_000);
    expect(() => {
      localClock.setTo(Number.NaN);
    }).toThrow(RangeError);
  });

  it('is the Jira emulator\'s today: an edit is stamped with the local time', async () => {
    const emulator = await startJiraEmulator({ dataset: DEMO });
    try {
      localClock.setTo(T);
      emulator.state.updateIssue('TL-1', { labels: ['stamped'] });
      expect(String(emulator.state.findIssue('TL-1')?.fields.updated)).toMatch(/^2030-01-15T12:0/);
    } finally {
      localClock.reset();
      await emulator.close();
    }
  });

  it('is set by firing a scheduled trigger at a time, after what runs has finished; an unknown trigger is named', async () => {
    const runtime = await fixtureRuntime();
    try {
      const unknown = await runtime.fireScheduledTrigger('nope', { at: T });
      expect(unknown).toMatchObject({ success: false, error: { code: 'MODULE_NOT_FOUND' } });
      // Not moved for a trigger that does not exist.
      expect(localClock.offsetMs).toBe(0);
    } finally {
      await runtime.close();
    }
  });
});
