/**
 * What field discovery learned about the site (the app's own field ids, story points, Epic Link),
 * kept so that a trigger does not read the whole field list on every issue change. The value is
 * the services' to shape and check; this only stores it with the time it was stored.
 */
import { SITE_FIELDS_KEY } from './keys';
import type { KvsPort } from './kvs-port';

export interface CachedValue {
  readonly storedAt: string;
  readonly value: unknown;
}

export interface SiteCache {
  get(): Promise<CachedValue | undefined>;
  set(value: unknown, now?: Date): Promise<void>;
  clear(): Promise<void>;
}

export function createSiteCache(kvs: KvsPort): SiteCache {
  return {
    async get() {
      const stored = await kvs.get<CachedValue>(SITE_FIELDS_KEY);
      return stored !== undefined && typeof stored.storedAt === 'string' ? stored : undefined;
    },
    async set(value, now = new Date()) {
      await kvs.set(SITE_FIELDS_KEY, { storedAt: now.toISOString(), value });
    },
    async clear() {
      await kvs.delete(SITE_FIELDS_KEY);
    },
  };
}
