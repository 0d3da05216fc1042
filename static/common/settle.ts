/**
 * A resolver's answer as the UI handles it: never a rejection, always the envelope, the error in
 * words. Apart from invoke.ts because @forge/bridge loads only inside a Forge frame, and this part
 * is tested in Node.
 */
import type { ErrorCode, Result } from '../../src/contract';

/** An error the UI shows: the message in words, and for developers what the platform said. */
export interface UiError {
  readonly code: ErrorCode | 'platform';
  readonly message: string;
  readonly detail?: string;
}

export type UiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: UiError };

const PLATFORM_MESSAGE = "Throughline's backend did not answer. Try again; if it keeps failing, tell your Jira admin.";

/**
 * Runs a resolver call and never rejects: the resolver's own errors come back as they are
 * (already in words), and a call that failed on the way (the function threw, timed out, the
 * payload was too large, the network dropped) becomes an error in words too.
 */
export async function settle<T>(call: () => Promise<Result<T>>): Promise<UiResult<T>> {
  try {
    const result = await call();
    if (typeof result !== 'object' || !('ok' in result)) {
      return { ok: false, error: { code: 'platform', message: PLATFORM_MESSAGE, detail: 'The answer was not a result envelope.' } };
    }
    return result;
  } catch (error: unknown) {
    return { ok: false, error: { code: 'platform', message: PLATFORM_MESSAGE, detail: error instanceof Error ? error.message : String(error) } };
  }
}
