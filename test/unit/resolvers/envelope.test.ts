/**
 * The resolver envelope refuses a payload nested thousands of levels deep in words, before zod
 * (which recurses) can overflow the stack on it. In Forge such a payload reaches the function:
 * the platform parses JSON without recursion, so the app's own boundary must hold.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_PAYLOAD_DEPTH, nestedDeeperThan, resolverOf } from '../../../src/resolvers/envelope';

function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < levels; level++) value = level % 2 === 0 ? { a: value } : [value];
  return value;
}

// A schema that walks the whole payload, as a JSON-valued field would: the worst case for the stack.
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
const json: z.ZodType<Json> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(json), z.record(z.string(), json)]));

describe('resolverOf on deep payloads', () => {
  it('without the guard, the schema alone overflows the stack on 10,000 levels', () => {
    expect(() => json.safeParse(nested(10_000))).toThrow(RangeError);
  });

  it('answers bad-request in words for 10,000 levels, and never runs the resolver', async () => {
    let ran = false;
    const resolver = resolverOf(json, () => {
      ran = true;
      return 'ran';
    });
    await expect(resolver({ payload: nested(10_000), context: {} })).resolves.toEqual({
      ok: false,
      error: { code: 'bad-request', message: `The request was not understood: it is nested more than ${MAX_PAYLOAD_DEPTH} levels deep.` },
    });
    expect(ran).toBe(false);
  });

  it('runs the resolver at the limit, and refuses one level past it', async () => {
    const resolver = resolverOf(json, () => 'ran');
    await expect(resolver({ payload: nested(MAX_PAYLOAD_DEPTH), context: {} })).resolves.toEqual({ ok: true, value: 'ran' });
    await expect(resolver({ payload: nested(MAX_PAYLOAD_DEPTH + 1), context: {} })).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('measures depth without recursion: scalars are 0 deep, wide is not deep, a million levels are measured', () => {
    expect(nestedDeeperThan('text', 0)).toBe(false);
    expect(nestedDeeperThan({}, 0)).toBe(true);
    expect(nestedDeeperThan({ a: [1, 2, { b: null }] }, 3)).toBe(false);
    expect(nestedDeeperThan({ a: [1, 2, { b: {} }] }, 3)).toBe(true);
    expect(nestedDeeperThan(Array.from({ length: 100_000 }, () => ({ x: 1 })), 2)).toBe(false);
    expect(nestedDeeperThan(nested(1_000_000), MAX_PAYLOAD_DEPTH)).toBe(true);
  });
});
