/**
 * What a caller of the runtime gets back from an invocation. FUNCTION_ERR is @forge/api's name for
 * an error in the app's code; FUNCTION_TIME_OUT is @forge/events' InvocationErrorCode for a function
 * stopped at its time limit. The other codes are the stand-in's own names for requests that Forge
 * refuses before (or instead of) running the function.
 */
export type InvocationErrorCode =
  | 'FUNCTION_ERR'
  | 'FUNCTION_TIME_OUT'
  | 'FUNCTION_NOT_FOUND'
  | 'HANDLER_NOT_FOUND'
  | 'MODULE_NOT_FOUND'
  | 'PAYLOAD_TOO_LARGE'
  | 'PAYLOAD_TOO_DEEP'
  | 'RESPONSE_TOO_LARGE'
  | 'RUNTIME_CLOSED';

export interface InvocationError {
  readonly code: InvocationErrorCode;
  /** Words a UI can show as they are. */
  readonly message: string;
  /** The thrown error's name, for FUNCTION_ERR. */
  readonly errorType?: string;
}

export type InvocationResult<T = unknown> =
  | { readonly success: true; readonly body: T }
  | { readonly success: false; readonly error: InvocationError };

export function failure(code: InvocationErrorCode, message: string, errorType?: string): InvocationResult<never> {
  return { success: false, error: errorType === undefined ? { code, message } : { code, message, errorType } };
}

/** Raised while starting the runtime (bad manifest, corrupted store): the runtime does not start. */
export class ForgeRuntimeError extends Error {
  override readonly name = 'ForgeRuntimeError';
}
