/**
 * The scoring grid's pure parts: the keyboard's moves between cells (grid-keys.ts), a cell's text
 * read in the user's locale (grid-cells.ts), and the save queue (save-queue.ts): pacing, one write
 * per issue at a time, the latest value of a cell winning, backing off on 429s, failures settled.
 */
import { describe, expect, it } from 'vitest';
import type { ScoringGridCellPayload, ScoringGridCellView } from '../../../src/contract';
import { cellText, readCellText, unchanged } from '../../../static/project-page/src/grid-cells';
import { gridKeyAction, moveCell } from '../../../static/project-page/src/grid-keys';
import { backoffMs, cellId, createSaveQueue } from '../../../static/project-page/src/save-queue';
import type { CellWrite, WriteOutcome } from '../../../static/project-page/src/save-queue';

describe('grid keys', () => {
  // Columns: two editable, one fixed (a theme's weight), one editable.
  const editable = [true, true, false, true];

  it('maps Tab, Shift+Tab, Enter, Shift+Enter and Escape, and leaves other keys alone', () => {
    expect(gridKeyAction('Tab', false)).toEqual({ kind: 'move', move: 'next' });
    expect(gridKeyAction('Tab', true)).toEqual({ kind: 'move', move: 'previous' });
    expect(gridKeyAction('Enter', false)).toEqual({ kind: 'move', move: 'down' });
    expect(gridKeyAction('Enter', true)).toEqual({ kind: 'move', move: 'up' });
    expect(gridKeyAction('Escape', false)).toEqual({ kind: 'cancel' });
    expect(gridKeyAction('a', false)).toEqual({ kind: 'none' });
    expect(gridKeyAction('Enter', false, { ctrlKey: true })).toEqual({ kind: 'none' });
  });

  it('Tab goes along the row skipping cells it cannot edit, then to the next row; past the last cell it leaves', () => {
    expect(moveCell({ row: 0, column: 0 }, 'next', 3, editable)).toEqual({ row: 0, column: 1 });
    expect(moveCell({ row: 0, column: 1 }, 'next', 3, editable)).toEqual({ row: 0, column: 3 });
    expect(moveCell({ row: 0, column: 3 }, 'next', 3, editable)).toEqual({ row: 1, column: 0 });
    expect(moveCell({ row: 2, column: 3 }, 'next', 3, editable)).toBeNull();
    expect(moveCell({ row: 0, column: 2 }, 'next', 3, editable)).toEqual({ row: 0, column: 3 });
  });

  it('Shift+Tab goes back along the row, then to the previous row\'s last cell; before the first it leaves', () => {
    expect(moveCell({ row: 1, column: 3 }, 'previous', 3, editable)).toEqual({ row: 1, column: 1 });
    expect(moveCell({ row: 1, column: 0 }, 'previous', 3, editable)).toEqual({ row: 0, column: 3 });
    expect(moveCell({ row: 0, column: 0 }, 'previous', 3, editable)).toBeNull();
  });

  it('Enter and Shift+Enter go down and up the column, and stop at the ends', () => {
    expect(moveCell({ row: 0, column: 1 }, 'down', 3, editable)).toEqual({ row: 1, column: 1 });
    expect(moveCell({ row: 2, column: 1 }, 'down', 3, editable)).toBeNull();
    expect(moveCell({ row: 2, column: 1 }, 'up', 3, editable)).toEqual({ row: 1, column: 1 });
    expect(moveCell({ row: 0, column: 1 }, 'up', 3, editable)).toBeNull();
  });

  it('goes nowhere in a grid without rows or editable columns', () => {
    expect(moveCell({ row: 0, column: 0 }, 'next', 0, editable)).toBeNull();
    expect(moveCell({ row: 0, column: 0 }, 'next', 3, [false, false])).toBeNull();
  });
});

describe('grid cells', () => {
  const number = { kind: 'number', fieldId: 'customfield_10050' } as const;
  const choice = { kind: 'choice', fieldId: 'customfield_10052', choices: ['Low', 'High'] } as const;

  it('reads numbers as the user\'s locale writes them', () => {
    expect(readCellText(number, 'Business value', '2.5', 'en-US')).toEqual({ ok: true, value: 2.5 });
    expect(readCellText(number, 'Business value', '2,5', 'de-DE')).toEqual({ ok: true, value: 2.5 });
    expect(readCellText(number, 'Business value', '1.234,5', 'de-DE')).toEqual({ ok: true, value: 1234.5 });
    expect(readCellText(number, 'Business value', '1,234.5', 'en-US')).toEqual({ ok: true, value: 1234.5 });
    expect(readCellText(number, 'Business value', '1 234,5', 'fr-FR')).toEqual({ ok: true, value: 1234.5 });
    expect(readCellText(number, 'Business value', '  ', 'en-US')).toEqual({ ok: true, value: null });
    expect(cellText(number, 2.5, 'de-DE')).toBe('2,5');
    expect(cellText(number, 12345, 'en-US')).toBe('12345');
  });

  it('says in words that text is not a number, and that a choice is not one of the options', () => {
    expect(readCellText(number, 'Business value', 'twelve', 'en-US')).toEqual({ ok: false, message: 'Business value must be a number; "twelve" is not one.' });
    expect(readCellText(choice, 'Risk reduction', 'Huge', 'en-US')).toEqual({ ok: false, message: 'Risk reduction must be one of: Low, High.' });
    expect(readCellText(choice, 'Risk reduction', 'High', 'en-US')).toEqual({ ok: true, value: 'High' });
  });

  it('knows a value typed again is no change', () => {
    expect(unchanged(5, 5)).toBe(true);
    expect(unchanged(null, null)).toBe(true);
    expect(unchanged('High', ' High ')).toBe(true);
    expect(unchanged(5, null)).toBe(false);
  });
});

/** A Jira stand-in for the queue: answers what `answer` says, after the test lets it. */
function harness(answer: (payload: ScoringGridCellPayload, call: number) => WriteOutcome) {
  const sent: ScoringGridCellPayload[] = [];
  const settled: [CellWrite, WriteOutcome][] = [];
  let inFlight = 0;
  let most = 0;
  const perIssue = new Map<string, number>();
  let mostPerIssue = 0;
  const sleeps: number[] = [];
  const queue = createSaveQueue({
    send: async (payload) => {
      sent.push(payload);
      inFlight++;
      most = Math.max(most, inFlight);
      perIssue.set(payload.issueKey, (perIssue.get(payload.issueKey) ?? 0) + 1);
      mostPerIssue = Math.max(mostPerIssue, ...perIssue.values());
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight--;
      perIssue.set(payload.issueKey, (perIssue.get(payload.issueKey) ?? 1) - 1);
      return answer(payload, sent.length);
    },
    onSettled: (write, outcome) => settled.push([write, outcome]),
    concurrency: 3,
    rateLimitTries: 4,
    baseDelayMs: 100,
    maxDelayMs: 1_000,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
  });
  return { queue, sent, settled, sleeps, most: () => most, mostPerIssue: () => mostPerIssue };
}

const saved = (payload: ScoringGridCellPayload): WriteOutcome => ({
  ok: true,
  value: { status: 'saved', key: payload.issueKey, input: payload.input, cell: { value: Number(payload.value), text: String(payload.value) }, score: 1, outcome: 'scored', missing: [], rank: 1, message: null } satisfies ScoringGridCellView,
});
const write = (issueKey: string, input: string, value: string, base: number | null = null): CellWrite => ({ cell: cellId(issueKey, input), issueKey, input, value, base });

describe('save queue', () => {
  it('keeps at most the concurrency in flight, one per issue, and settles every write', async () => {
    const { queue, settled, most, mostPerIssue } = harness(saved);
    for (let n = 1; n <= 10; n++) {
      queue.enqueue(write(`TL-${String(n)}`, 'businessValue', String(n)));
      queue.enqueue(write(`TL-${String(n)}`, 'jobSize', String(n)));
    }
    expect(queue.pending()).toHaveLength(20);
    await queue.idle();
    expect(settled).toHaveLength(20);
    expect(most()).toBe(3);
    expect(mostPerIssue()).toBe(1);
    expect(queue.pending()).toEqual([]);
  });

  it('sends only the latest value of a cell not yet sent, based on what the write before it saved', async () => {
    const { queue, sent } = harness(saved);
    queue.enqueue(write('TL-1', 'businessValue', '1'));
    queue.enqueue(write('TL-1', 'businessValue', '2'));
    queue.enqueue(write('TL-1', 'businessValue', '3'));
    await queue.idle();
    // The first went at once; 2 was replaced by 3 before it was sent; 3 starts from the 1 that was saved.
    expect(sent.map((payload) => [payload.value, payload.base])).toEqual([
      ['1', null],
      ['3', 1],
    ]);
  });

  it('backs off on 429s (growing pauses, one lane) and tries again until the write gets through', async () => {
    const { queue, settled, sleeps } = harness((payload, call) => (call <= 2 ? { ok: false, error: { code: 'rate-limited', message: 'Jira is busy.' } } : saved(payload)));
    queue.enqueue(write('TL-1', 'businessValue', '5'));
    await queue.idle();
    expect(settled).toHaveLength(1);
    expect(settled[0]?.[1].ok).toBe(true);
    expect(sleeps.length).toBeGreaterThanOrEqual(2);
    expect(sleeps[1]).toBeGreaterThan(sleeps[0] ?? Infinity);
    expect(backoffMs(1, 1_000, 30_000, 0.5)).toBe(1_000);
    expect(backoffMs(3, 1_000, 30_000, 0.5)).toBe(4_000);
    expect(backoffMs(10, 1_000, 30_000, 1)).toBe(39_000);
  });

  it('settles a write as failed with Jira\'s words after its tries, and a refusal at once', async () => {
    const busy = harness(() => ({ ok: false, error: { code: 'rate-limited', message: 'Jira is busy: try again in a minute.' } }));
    busy.queue.enqueue(write('TL-1', 'businessValue', '5'));
    await busy.queue.idle();
    expect(busy.sent).toHaveLength(4);
    expect(busy.settled[0]?.[1]).toEqual({ ok: false, error: { code: 'rate-limited', message: 'Jira is busy: try again in a minute.' } });
    const refused = harness(() => ({ ok: false, error: { code: 'forbidden', message: 'You may not edit TL-1, so Business value was not changed.' } }));
    refused.queue.enqueue(write('TL-1', 'businessValue', '5'));
    await refused.queue.idle();
    expect(refused.sent).toHaveLength(1);
    expect(refused.settled[0]?.[1]).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('settles a call that threw as not saved, in words', async () => {
    const { queue, settled } = harness(() => {
      throw new Error('network down');
    });
    queue.enqueue(write('TL-1', 'businessValue', '5'));
    await queue.idle();
    expect(settled[0]?.[1]).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('Retry') as unknown } });
  });
});
