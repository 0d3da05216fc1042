/**
 * `KvsPort` over the unmodified @forge/kvs: custom entities for the versioned documents (so a
 * transaction can carry a condition on the stored revision), plain keys for caches.
 *
 * Forge does not publish the error code of a failed transaction condition; the local runtime
 * answers `409 CONDITIONAL_CHECK_FAILED`. Both the code and a 409 status are taken to mean it.
 */
import { Filter, FilterConditions, ForgeKvsAPIError, kvs } from '@forge/kvs';
import type { Condition, KvsPort } from './kvs-port';
import { ConditionFailedError } from './kvs-port';
import { createRecomputeStore } from './recompute-store';
import type { RecomputeStore } from './recompute-store';
import { createSettingsRepository } from './settings-repository';
import type { SettingsRepository } from './settings-repository';
import { createSiteCache } from './site-cache';
import type { SiteCache } from './site-cache';

type StoredEntity = Record<string, unknown>;

function filterOf(conditions: readonly Condition[]): Filter<StoredEntity> | undefined {
  let filter: Filter<StoredEntity> | undefined;
  for (const condition of conditions) {
    const clause = 'absent' in condition ? FilterConditions.notExists() : FilterConditions.equalTo(condition.equals);
    const next = new Filter<StoredEntity>();
    filter = filter === undefined ? (next.and(condition.attribute, clause) as unknown as Filter<StoredEntity>) : (filter.and(condition.attribute, clause) as unknown as Filter<StoredEntity>);
  }
  return filter;
}

function isConditionFailure(error: unknown): boolean {
  return error instanceof ForgeKvsAPIError && (error.code === 'CONDITIONAL_CHECK_FAILED' || error.responseDetails.status === 409);
}

export function forgeKvs(): KvsPort {
  return {
    getEntity: async <T>(entity: string, key: string) => (await kvs.entity<StoredEntity>(entity).get(key)) as T | undefined,
    transact: async (writes) => {
      let transaction = kvs.transact();
      for (const write of writes) {
        const conditions = filterOf(write.conditions ?? []);
        transaction = transaction.set<StoredEntity>(write.key, { ...write.value }, conditions === undefined ? { entityName: write.entity } : { entityName: write.entity, conditions });
      }
      try {
        await transaction.execute();
      } catch (error: unknown) {
        if (isConditionFailure(error)) throw new ConditionFailedError('Someone else saved first; nothing was written.');
        throw error;
      }
    },
    get: async <T>(key: string) => (await kvs.get<T>(key)) as T | undefined,
    set: async (key, value) => {
      await kvs.set(key, value as never);
    },
    delete: async (key) => {
      await kvs.delete(key);
    },
  };
}

/** The repositories over Forge storage, for resolvers, triggers and the queue consumer. */
export function forgeStorage(): { readonly settings: SettingsRepository; readonly recompute: RecomputeStore; readonly siteCache: SiteCache } {
  const port = forgeKvs();
  return { settings: createSettingsRepository(port), recompute: createRecomputeStore(port), siteCache: createSiteCache(port) };
}
