/**
 * A payload nested 10,000 levels deep: the runtime refuses it in words before anything runs,
 * instead of overflowing the stack of its own size check (JSON.stringify is recursive in V8),
 * and keeps serving. The depth walk itself is iterative, so no depth can break it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ForgeRuntime, InvocationResult } from '../../../dev/forge-runtime';
import { JSON_MAX_DEPTH, JsonTooDeepError, jsonByteLength, jsonDepthExceeds } from '../../../dev/forge-runtime/limits';
import { ALICE, fixtureRuntime } from './helpers';

/** `{ a: { a: … 1 } }`, `levels` objects deep, built without recursion. */
function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < levels; level++) value = { a: value };
  return value;
}

function errorOf(result: InvocationResult): { code: string; message: string } {
  if (result.success) throw new Error('expected a failure, got a body');
  return result.error;
}

describe('the depth walk', () => {
  it('measures nesting without recursion, at any depth', () => {
    expect(jsonDepthExceeds(1, 0)).toBe(false);
    expect(jsonDepthExceeds({}, 0)).toBe(true);
    expect(jsonDepthExceeds(nested(3), 3)).toBe(false);
    expect(jsonDepthExceeds(nested(4), 3)).toBe(true);
    expect(jsonDepthExceeds([[[]]], 3)).toBe(false);
    expect(jsonDepthExceeds([[[[]]]], 3)).toBe(true);
    // Far past what recursion survives.
    expect(jsonDepthExceeds(nested(1_000_000))).toBe(true);
    // Wide is not deep.
    expect(jsonDepthExceeds({ list: Array.from({ length: 100_000 }, (_, index) => ({ index })) }, 3)).toBe(false);
  });

  it('counts a cycle as too deep instead of looping', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(jsonDepthExceeds(cycle)).toBe(true);
  });

  it('jsonByteLength throws a named error instead of overflowing the stack', () => {
    expect(() => jsonByteLength(nested(10_000))).toThrow(JsonTooDeepError);
    expect(() => jsonByteLength(nested(10_000))).toThrow(`nested more than ${JSON_MAX_DEPTH.toLocaleString('en-US')} levels deep`);
    expect(jsonByteLength(nested(JSON_MAX_DEPTH))).toBeGreaterThan(0);
  });
});

describe('an invocation with a payload nested 10,000 levels deep', () => {
  let runtime: ForgeRuntime;
  beforeEach(async () => {
    runtime = await fixtureRuntime();
  });
  afterEach(async () => {
    await runtime.close();
  });

  it('is refused in words before the resolver runs, and the runtime keeps answering', async () => {
    const error = errorOf(await runtime.invokeResolver('test-issue-context', 'echo', nested(10_000), ALICE));
    expect(error).toEqual({
      code: 'PAYLOAD_TOO_DEEP',
      message: 'The request payload is nested more than 1,000 levels deep; the function was not called. Send flatter data.',
    });
    const next = await runtime.invokeResolver('test-issue-context', 'echo', { text: 'still here' }, ALICE);
    expect(next.success && (next.body as { payload: unknown }).payload).toEqual({ text: 'still here' });
  });

  it('is refused on a direct function invocation too', async () => {
    expect(errorOf(await runtime.invoke('resolver', { payload: nested(10_000) })).code).toBe('PAYLOAD_TOO_DEEP');
  });

  it('one level under the limit still runs', async () => {
    // The payload itself is 1,000 levels deep: { bytes, pad: 999 levels }.
    const result = await runtime.invokeResolver('test-issue-context', 'sized', { bytes: 3, pad: nested(JSON_MAX_DEPTH - 1) }, ALICE);
    expect(result).toEqual({ success: true, body: { text: 'xxx' } });
  });
});
