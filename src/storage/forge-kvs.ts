/**
 * `KvsPort` over the unmodified @forge/kvs: custom entities for the versioned documents (so a
 * transaction can carry a condition on the stored revision), plain keys for caches.
 *
 * Forge does not publish the error code of a failed transaction condition; the local runtime
 * answers `409 CONDITIONAL_CHECK_FAILED`. Both the code and a 409 status are taken to mean it.
 */
import { Filter, FilterConditions, ForgeKvsAPIError, WhereConditions, kvs } from '@forge/kvs';
import type { Condition, KvsPort } from './kvs-port';
import { ConditionFailedError, QUERY_PAGE_SIZE } from './kvs-port';
import { createEpicThemeStore } from './epic-themes';
import { createRollupStore } from './rollups';
import type { RollupStore } from './rollups';
import type { EpicThemeStore } from './epic-themes';
import { createRecomputeStore } from './recompute-store';
import type { RecomputeStore } from './recompute-store';
import { createSettingsRepository } from './settings-repository';
import type { SettingsRepository } from './settings-repository';
import { createScoreHistoryStore } from './score-history';
import type { ScoreHistoryStore } from './score-history';
import { createSiteCache } from './site-cache';
import type { SiteCache } from './site-cache';
import { createProjectFieldsCache } from './project-fields';
import type { ProjectFieldsCache } from './project-fields';

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
    getMany: async (keys: readonly string[]) => {
      const found = new Map<string, unknown>();
      if (keys.length === 0) return found;
      const result = await kvs.batchGet<unknown>(keys.map((key) => ({ key })));
      for (const item of result.successfulKeys) found.set(item.key, item.value);
      // A key that does not exist is a failed item too ("KEY_NOT_FOUND"); any other failure is an error.
      const failed = result.failedKeys.find((item) => item.error.code !== 'KEY_NOT_FOUND');
      if (failed !== undefined) throw new Error(`Forge storage could not read "${failed.key}": ${failed.error.code}`);
      return found;
    },
    listPrefix: async (prefix: string, cursor?: string) => {
      let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(QUERY_PAGE_SIZE);
      if (cursor !== undefined) query = query.cursor(cursor);
      const page = await query.getMany<unknown>();
      const entries = page.results.map((result) => ({ key: result.key, value: result.value }));
      return page.nextCursor === undefined ? { entries } : { entries, cursor: page.nextCursor };
    },
  };
}

/** The repositories over Forge storage, for resolvers, triggers and the queue consumer. */
export function forgeStorage(): {
  readonly settings: SettingsRepository;
  readonly recompute: RecomputeStore;
  readonly siteCache: SiteCache;
  readonly projectFields: ProjectFieldsCache;
  readonly epicThemes: EpicThemeStore;
  readonly rollups: RollupStore;
  readonly history: ScoreHistoryStore;
} {
  const port = forgeKvs();
  return {
    settings: createSettingsRepository(port),
    recompute: createRecomputeStore(port),
    siteCache: createSiteCache(port),
    projectFields: createProjectFieldsCache(port),
    epicThemes: createEpicThemeStore(port),
    rollups: createRollupStore(port),
    history: createScoreHistoryStore(port),
  };
}
