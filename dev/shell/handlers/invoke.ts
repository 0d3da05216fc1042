/**
 * The bridge's `invoke`: a frame's call to one of the app's resolvers, run by the local Forge
 * runtime as the user looking at the page, with the frame's module context. The runtime's
 * refusals keep their code and get the HTTP status Forge answers them with.
 */
import { contextUserOf } from '../context';
import type { ShellCall, ShellContext, ShellRoute } from '../context';
import { HttpError, readJson, sendJson } from '../http';

const INVOCATION_STATUS: Readonly<Record<string, number>> = {
  PAYLOAD_TOO_LARGE: 413,
  PAYLOAD_TOO_DEEP: 400,
  RESPONSE_TOO_LARGE: 502,
  FUNCTION_NOT_FOUND: 404,
  MODULE_NOT_FOUND: 404,
  HANDLER_NOT_FOUND: 500,
  FUNCTION_TIME_OUT: 504,
  FUNCTION_ERR: 500,
  RUNTIME_CLOSED: 503,
};

async function invoke({ request, response }: ShellCall, shell: ShellContext): Promise<void> {
  const body = await readJson(request);
  const { moduleKey, functionKey, payload, extension } = body;
  if (typeof moduleKey !== 'string' || typeof functionKey !== 'string') throw new HttpError(400, 'invoke needs a moduleKey and a functionKey.');
  if (extension !== undefined && (typeof extension !== 'object' || extension === null || Array.isArray(extension))) throw new HttpError(400, 'extension must be an object.');
  const result = await shell.runtime.invokeResolver(moduleKey, functionKey, payload, contextUserOf(shell, request), (extension ?? {}) as Record<string, unknown>);
  if (result.success) sendJson(response, 200, { ok: true, body: result.body });
  else sendJson(response, INVOCATION_STATUS[result.error.code] ?? 500, { ok: false, error: result.error });
}

export const invokeRoutes: readonly ShellRoute[] = [{ method: 'POST', path: '/__shell/api/invoke', handle: invoke }];
