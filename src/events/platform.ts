/**
 * The Forge platform pieces the resolvers, triggers and the consumer share: the recompute queue
 * over @forge/events, the app's identity and the time an invocation has left. The services get
 * these as plain interfaces and never import @forge/* themselves.
 */
import { getAppContext } from '@forge/api';
import { Queue } from '@forge/events';
import type { RecomputeEvent, RecomputeQueue } from '../services/recompute';

/** The queue of manifest.yml's `recompute` consumer. */
export const RECOMPUTE_QUEUE = 'throughline-recompute';

export function forgeQueue(): RecomputeQueue {
  return {
    async push(event: RecomputeEvent, delaySeconds?: number) {
      const body = { ...event } as Record<string, unknown>;
      await new Queue({ key: RECOMPUTE_QUEUE }).push(delaySeconds === undefined || delaySeconds <= 0 ? { body } : { body, delayInSeconds: Math.min(900, Math.ceil(delaySeconds)) });
    },
  };
}

const APP_ID = /ecosystem::app\/([0-9a-fA-F-]{36})/;

/** The app's id (manifest app.id's uuid), so field discovery never takes another app's field; undefined outside an invocation. */
export function currentAppId(): string | undefined {
  try {
    const ari = getAppContext().appAri;
    const id = (ari as { appId?: unknown }).appId;
    if (typeof id === 'string' && id !== '') return id;
    return APP_ID.exec(String(ari))?.[1];
  } catch {
    return undefined;
  }
}

/** Milliseconds the current invocation has left, when the platform says. */
export function remainingInvocationMs(): number | undefined {
  try {
    const left = getAppContext().invocationRemainingTimeInMillis();
    return Number.isFinite(left) && left > 0 ? left : undefined;
  } catch {
    return undefined;
  }
}
