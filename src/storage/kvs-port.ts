/**
 * The part of Forge storage the repositories use, as an interface: `forgeKvs()` (forge-kvs.ts)
 * is the real one over @forge/kvs; `memoryKvs()` below keeps the same rules in memory for unit
 * tests and benchmarks. Repositories never import @forge/kvs themselves, so their logic (versions,
 * revisions, conditions) is tested without a platform.
 */

/** A condition on a stored entity's attribute, checked atomically with the write it guards. */
export type Condition =
  | { readonly attribute: string; readonly equals: string | number | boolean }
  /** The item (or the attribute) does not exist yet: "never saved". */
  | { readonly attribute: string; readonly absent: true };

export interface EntityWrite {
  readonly entity: string;
  readonly key: string;
  readonly value: Readonly<Record<string, unknown>>;
  /** All must hold on the item as stored, or nothing in the transaction is written. */
  readonly conditions?: readonly Condition[];
}

export interface KvsPort {
  getEntity<T>(entity: string, key: string): Promise<T | undefined>;
  /** Writes all or nothing; a failed condition throws `ConditionFailedError`. At most 25 writes. */
  transact(writes: readonly EntityWrite[]): Promise<void>;
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** Plain keys by key, at most MAX_BATCH_ITEMS a call (Forge's batch limit); absent keys are left out. */
  getMany(keys: readonly string[]): Promise<Map<string, unknown>>;
  /** One page (≤ 20, Forge's page size) of the plain keys that begin with `prefix`, in key order. */
  listPrefix(prefix: string, cursor?: string): Promise<{ readonly entries: readonly { readonly key: string; readonly value: unknown }[]; readonly cursor?: string }>;
}

/** Someone else wrote first: the condition the write was based on no longer holds. */
export class ConditionFailedError extends Error {
  override readonly name = 'ConditionFailedError';
}

/** Forge's limit on one stored value. */
export const MAX_VALUE_BYTES = 240 * 1024;
export const MAX_TRANSACTION_WRITES = 25;
/** Forge's limit on the items of one batch get. */
export const MAX_BATCH_ITEMS = 25;
/** Forge's largest page of a key query. */
export const QUERY_PAGE_SIZE = 20;

export function byteLengthOf(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

export function conditionHolds(condition: Condition, stored: Readonly<Record<string, unknown>> | undefined): boolean {
  const actual = stored?.[condition.attribute];
  return 'absent' in condition ? actual === undefined : actual === condition.equals;
}

/** In-memory storage with the same all-or-nothing and condition rules (values are copied in and out). */
export function memoryKvs(): KvsPort & { readonly size: () => number } {
  const plain = new Map<string, string>();
  const entities = new Map<string, string>();
  const entityKey = (entity: string, key: string): string => `${entity}\u0000${key}`;
  const read = (map: Map<string, string>, key: string): unknown => {
    const text = map.get(key);
    return text === undefined ? undefined : JSON.parse(text);
  };
  return {
    getEntity: <T>(entity: string, key: string) => Promise.resolve(read(entities, entityKey(entity, key)) as T | undefined),
    transact: (writes) => {
      if (writes.length === 0 || writes.length > MAX_TRANSACTION_WRITES) return Promise.reject(new Error(`a transaction takes 1 to ${MAX_TRANSACTION_WRITES} writes`));
      for (const write of writes) {
        const stored = read(entities, entityKey(write.entity, write.key)) as Record<string, unknown> | undefined;
        for (const condition of write.conditions ?? []) {
          if (!conditionHolds(condition, stored)) return Promise.reject(new ConditionFailedError(`The condition on "${write.key}" is not met; nothing was written.`));
        }
        if (byteLengthOf(write.value) > MAX_VALUE_BYTES) return Promise.reject(new Error(`The value for "${write.key}" is larger than 240 KiB.`));
      }
      for (const write of writes) entities.set(entityKey(write.entity, write.key), JSON.stringify(write.value));
      return Promise.resolve();
    },
    get: <T>(key: string) => Promise.resolve(read(plain, key) as T | undefined),
    set: (key, value) => {
      plain.set(key, JSON.stringify(value));
      return Promise.resolve();
    },
    delete: (key) => {
      plain.delete(key);
      return Promise.resolve();
    },
    getMany: (keys: readonly string[]) => {
      if (keys.length > MAX_BATCH_ITEMS) return Promise.reject(new Error(`a batch get takes at most ${MAX_BATCH_ITEMS} keys`));
      const found = new Map<string, unknown>();
      for (const key of keys) {
        const value = read(plain, key);
        if (value !== undefined) found.set(key, value);
      }
      return Promise.resolve(found);
    },
    listPrefix: (prefix: string, cursor?: string) => {
      const keys = [...plain.keys()].filter((key) => key.startsWith(prefix) && (cursor === undefined || key > cursor)).sort();
      const page = keys.slice(0, QUERY_PAGE_SIZE);
      const entries = page.map((key) => ({ key, value: read(plain, key) }));
      const last = page.at(-1);
      return Promise.resolve(keys.length > page.length && last !== undefined ? { entries, cursor: last } : { entries });
    },
    size: () => plain.size + entities.size,
  };
}
