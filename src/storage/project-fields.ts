/**
 * Which fields a project's issues carry, as services/project-fields.ts last read them (a sample of
 * the project's issues, as the app): kept per project so that the issue sidebar, the triggers and
 * the bulk recompute build the same default configuration without reading Jira each time. The
 * value is the services' to shape and check; this only stores it with the time it was stored.
 */
import type { CachedValue } from './site-cache';
import { projectFieldsKey } from './keys';
import type { KvsPort } from './kvs-port';

export interface ProjectFieldsCache {
  get(projectId: string): Promise<CachedValue | undefined>;
  set(projectId: string, value: unknown, now?: Date): Promise<void>;
  /** Forgets the project's entry: the next reader reads the project's issues again. */
  clear(projectId: string): Promise<void>;
}

export function createProjectFieldsCache(kvs: KvsPort): ProjectFieldsCache {
  return {
    async get(projectId) {
      const stored = await kvs.get<CachedValue>(projectFieldsKey(projectId));
      return stored !== undefined && typeof stored.storedAt === 'string' ? stored : undefined;
    },
    async set(projectId, value, now = new Date()) {
      await kvs.set(projectFieldsKey(projectId), { storedAt: now.toISOString(), value });
    },
    async clear(projectId) {
      await kvs.delete(projectFieldsKey(projectId));
    },
  };
}
