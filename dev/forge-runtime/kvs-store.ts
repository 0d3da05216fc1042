/**
 * The Forge Key-Value Store's behaviour, in memory: what `/api/v1/*` does with the bodies @forge/kvs
 * sends. Each operation runs synchronously, so it is atomic against every other one (Forge: "writes
 * to individual keys are atomic", last write wins); persistence is kvs-file's job.
 *
 * Error codes: KEY_NOT_FOUND is the one @forge/kvs itself maps (to `undefined`); KEY_TOO_SHORT,
 * KEY_TOO_LONG, INVALID_KEY, MAX_SIZE, MAX_DEPTH, LIST_QUERY_LIMIT_EXCEEDED, QUERY_WHERE_INVALID,
 * QUERY_WHERE_FIELD_INVALID, INVALID_FILTER_CONDITION and INVALID_FILTER_VALUES are Forge's
 * documented codes (storage-reference/handling-errors-kvs); BAD_REQUEST is the code of the SDK's own
 * tests for an invalid body. Forge does not publish codes for a FAIL_IF_EXISTS conflict, a failed
 * transaction condition or an oversized batch: KEY_ALREADY_EXISTS, CONDITIONAL_CHECK_FAILED and
 * TOO_MANY_OPERATIONS are the stand-in's names for them.
 *
 * Over 400 lines because it is Forge KVS's whole behaviour, each operation beside the validation Forge documents for it, so the stand-in is checked against Forge's reference in one read.
 */
import { KVS, jsonByteLength } from './limits';

export class KvsError extends Error {
  override readonly name = 'KvsError';
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export interface StoredRecord {
  readonly value: unknown;
  /** Unix ms, as Forge returns them. */
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly expireAt?: number;
}

export interface KvsSnapshot {
  readonly kvs: readonly (readonly [string, StoredRecord])[];
  readonly secrets: readonly (readonly [string, StoredRecord])[];
  readonly entities: readonly { readonly entityName: string; readonly key: string; readonly record: StoredRecord }[];
}

export interface KvsReply {
  readonly status: number;
  readonly json?: unknown;
  /** True when the operation changed the store (it must then be saved before answering). */
  readonly mutated: boolean;
}

type Space = Map<string, StoredRecord>;
type Json = Record<string, unknown>;

const TTL_UNIT_MS = { SECONDS: 1_000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 } as const;
const MAX_TTL_MS = 365 * TTL_UNIT_MS.DAYS;
const METADATA_FIELDS = new Set(['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME']);

const badRequest = (detail: string): KvsError => new KvsError(400, 'BAD_REQUEST', `Provided request body is invalid: ${detail}`);
const reply = (status: number, json?: unknown, mutated = false): KvsReply => (json === undefined ? { status, mutated } : { status, json, mutated });

export class KvsStore {
  private readonly plain: Space = new Map();
  private readonly secrets: Space = new Map();
  private readonly entities = new Map<string, Space>();

  constructor(private readonly now: () => number = Date.now, snapshot?: KvsSnapshot) {
    if (snapshot !== undefined) {
      for (const [key, record] of snapshot.kvs) this.plain.set(key, record);
      for (const [key, record] of snapshot.secrets) this.secrets.set(key, record);
      for (const { entityName, key, record } of snapshot.entities) this.entitySpace(entityName).set(key, record);
    }
  }

  snapshot(): KvsSnapshot {
    return {
      kvs: [...this.plain],
      secrets: [...this.secrets],
      entities: [...this.entities].flatMap(([entityName, space]) => [...space].map(([key, record]) => ({ entityName, key, record }))),
    };
  }

  /** Runs one request of @forge/kvs (`path` as it sends it, `body` parsed from its JSON). */
  execute(path: string, body: unknown): KvsReply {
    try {
      return this.route(path, body);
    } catch (error) {
      if (error instanceof KvsError) return reply(error.status, { code: error.code, message: error.message });
      throw error;
    }
  }

  private route(path: string, body: unknown): KvsReply {
    switch (path) {
      case '/api/v1/get':
        return this.get(this.plain, asObject(body));
      case '/api/v1/set':
        return this.set(this.plain, asObject(body));
      case '/api/v1/delete':
        return this.delete(this.plain, asObject(body));
      case '/api/v1/secret/get':
        return this.get(this.secrets, asObject(body));
      case '/api/v1/secret/set':
        return this.set(this.secrets, asObject(body));
      case '/api/v1/secret/delete':
        return this.delete(this.secrets, asObject(body));
      case '/api/v1/entity/get':
        return this.get(this.entityOf(asObject(body)), asObject(body));
      case '/api/v1/entity/set':
        return this.set(this.entityOf(asObject(body)), asObject(body));
      case '/api/v1/entity/delete':
        return this.delete(this.entityOf(asObject(body)), asObject(body));
      case '/api/v1/query':
        return this.query(asObject(body));
      case '/api/v1/batch/get':
        return this.batchGet(asBatch(body));
      case '/api/v1/batch/set':
        return this.batchSet(asBatch(body));
      case '/api/v1/batch/delete':
        return this.batchDelete(asBatch(body));
      case '/api/v1/transaction':
        return this.transact(asObject(body));
      case '/api/v1/entity/query':
        throw new KvsError(501, 'NOT_SUPPORTED', 'Custom entity queries need the manifest\'s entity indexes, which the local runtime does not model.');
      default:
        throw new KvsError(404, 'NOT_FOUND', `The KVS has no operation ${path}.`);
    }
  }

  // ---- single keys ----

  private get(space: Space, body: Json): KvsReply {
    const key = validKey(body.key);
    const record = this.live(space, key);
    if (record === undefined) throw new KvsError(404, 'KEY_NOT_FOUND', 'Provided key does not exist');
    return reply(200, withMetadata(key, record, metadataFields(body.options)));
  }

  private set(space: Space, body: Json): KvsReply {
    const key = validKey(body.key);
    const value = validValue(body.value);
    const options = body.options === undefined ? {} : asObject(body.options, 'options');
    const keyPolicy = options.keyPolicy ?? 'OVERRIDE';
    if (keyPolicy !== 'OVERRIDE' && keyPolicy !== 'FAIL_IF_EXISTS') throw badRequest('keyPolicy must be OVERRIDE or FAIL_IF_EXISTS');
    const returnValue = options.returnValue;
    if (returnValue !== undefined && returnValue !== 'PREVIOUS' && returnValue !== 'LATEST') throw badRequest('returnValue must be PREVIOUS or LATEST');
    if (returnValue !== undefined && keyPolicy !== 'OVERRIDE') throw badRequest('returnValue needs keyPolicy OVERRIDE');
    const returnFields = metadataFields({ metadataFields: options.returnMetadataFields });
    const expireAt = this.expiryOf(options.ttl);

    const previous = this.live(space, key);
    if (keyPolicy === 'FAIL_IF_EXISTS' && previous !== undefined) {
      throw new KvsError(409, 'KEY_ALREADY_EXISTS', `The key "${key}" already exists and keyPolicy is FAIL_IF_EXISTS.`);
    }
    const latest = this.write(space, key, value, expireAt, previous);
    if (returnValue === 'LATEST') return reply(200, withMetadata(key, latest, returnFields), true);
    if (returnValue === 'PREVIOUS' && previous !== undefined) return reply(200, withMetadata(key, previous, returnFields), true);
    return reply(204, undefined, true);
  }

  private delete(space: Space, body: Json): KvsReply {
    space.delete(validKey(body.key));
    // Forge: "succeeds whether the key exists or not".
    return reply(204, undefined, true);
  }

  // ---- query ----

  private query(body: Json): KvsReply {
    const limit = body.limit ?? KVS.queryDefaultLimit;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) throw badRequest('limit must be a positive integer');
    if (limit > KVS.queryLimitMax) throw new KvsError(400, 'LIST_QUERY_LIMIT_EXCEEDED', `Limit for list query should be below ${KVS.queryLimitMax}.`);
    const prefix = beginsWithPrefix(body.where);
    const after = body.after === undefined ? undefined : decodeCursor(body.after);
    const fields = metadataFields(body.options);

    const keys = [...this.plain.keys()]
      .filter((key) => key.startsWith(prefix) && (after === undefined || key > after) && this.live(this.plain, key) !== undefined)
      .sort();
    const page = keys.slice(0, Math.min(limit, KVS.queryPageMax));
    const data = page.map((key) => withMetadata(key, this.plain.get(key) as StoredRecord, fields));
    const last = page.at(-1);
    const more = keys.length > page.length && last !== undefined;
    return reply(200, more ? { data, cursor: encodeCursor(last) } : { data });
  }

  // ---- batches: each item succeeds or fails on its own ----

  private batchGet(items: Json[]): KvsReply {
    const successfulKeys: Json[] = [];
    const failedKeys: Json[] = [];
    for (const item of items) {
      this.perItem(item, failedKeys, (key, space) => {
        const record = this.live(space, key);
        if (record === undefined) throw new KvsError(404, 'KEY_NOT_FOUND', 'Key does not exist');
        successfulKeys.push({ ...withMetadata(key, record, metadataFields(item.options)), ...entityNameOf(item) });
      });
    }
    return reply(200, { successfulKeys, failedKeys });
  }

  private batchSet(items: Json[]): KvsReply {
    if (jsonByteLength(items) > KVS.requestMaxBytes) throw new KvsError(400, 'MAX_SIZE', 'A batch set is limited to a payload of 4 MB.');
    const successfulKeys: Json[] = [];
    const failedKeys: Json[] = [];
    for (const item of items) {
      this.perItem(item, failedKeys, (key, space) => {
        const value = validValue(item.value);
        const options = item.options === undefined ? {} : asObject(item.options, 'options');
        this.write(space, key, value, this.expiryOf(options.ttl), this.live(space, key));
        successfulKeys.push({ key, ...entityNameOf(item) });
      });
    }
    return reply(200, { successfulKeys, failedKeys }, successfulKeys.length > 0);
  }

  private batchDelete(items: Json[]): KvsReply {
    const successfulKeys: Json[] = [];
    const failedKeys: Json[] = [];
    for (const item of items) {
      this.perItem(item, failedKeys, (key, space) => {
        space.delete(key);
        successfulKeys.push({ key, ...entityNameOf(item) });
      });
    }
    return reply(200, { successfulKeys, failedKeys }, successfulKeys.length > 0);
  }

  // ---- transactions: all operations or none ----

  private transact(body: Json): KvsReply {
    if (jsonByteLength(body) > KVS.requestMaxBytes) throw new KvsError(400, 'MAX_SIZE', 'A transaction is limited to a payload of 4 MB.');
    const sets = optionalArray(body.set, 'set');
    const deletes = optionalArray(body.delete, 'delete');
    const checks = optionalArray(body.check, 'check');
    const count = sets.length + deletes.length + checks.length;
    if (count === 0) throw badRequest('a transaction needs at least one operation');
    if (count > KVS.transactionMaxOperations) {
      throw new KvsError(400, 'TOO_MANY_OPERATIONS', `A transaction can contain at most ${KVS.transactionMaxOperations} operations; this one has ${count}.`);
    }
    const seen = new Set<string>();
    const target = (op: Json): { key: string; space: Space } => {
      const key = validKey(op.key);
      const entityName = op.entityName === undefined ? undefined : validEntityName(op.entityName);
      const id = `${entityName ?? ''}\u0000${key}`;
      if (seen.has(id)) throw badRequest(`each key can be used once in a transaction; "${key}" is used twice`);
      seen.add(id);
      return { key, space: entityName === undefined ? this.plain : this.entitySpace(entityName) };
    };

    // Validate everything and check every condition before the first write.
    const plannedSets = sets.map((op) => ({ ...target(op), value: validValue(op.value), op }));
    const plannedDeletes = deletes.map((op) => ({ ...target(op), op }));
    const plannedChecks = checks.map((op) => {
      if (op.conditions === undefined) throw badRequest('a check needs conditions');
      return { ...target(op), op };
    });
    for (const planned of [...plannedSets, ...plannedDeletes, ...plannedChecks]) {
      if (planned.op.conditions === undefined) continue;
      const current = this.live(planned.space, planned.key);
      if (!conditionsHold(planned.op.conditions, current?.value)) {
        throw new KvsError(409, 'CONDITIONAL_CHECK_FAILED', `The transaction's condition on "${planned.key}" is not met; nothing was written.`);
      }
    }
    const expiries = plannedSets.map((planned) => {
      const options = planned.op.options === undefined ? {} : asObject(planned.op.options, 'options');
      return this.expiryOf(options.ttl);
    });
    plannedSets.forEach((planned, i) => this.write(planned.space, planned.key, planned.value, expiries[i], this.live(planned.space, planned.key)));
    for (const planned of plannedDeletes) planned.space.delete(planned.key);
    return reply(204, undefined, true);
  }

  // ---- helpers ----

  /** The record if present and not expired (Forge removes expired keys lazily; the stand-in hides them at once). */
  private live(space: Space, key: string): StoredRecord | undefined {
    const record = space.get(key);
    if (record?.expireAt !== undefined && record.expireAt <= this.now()) return undefined;
    return record;
  }

  private write(space: Space, key: string, value: unknown, expireAt: number | undefined, previous: StoredRecord | undefined): StoredRecord {
    const now = this.now();
    const record: StoredRecord = { value, createdAt: previous?.createdAt ?? now, updatedAt: now, ...(expireAt === undefined ? {} : { expireAt }) };
    space.set(key, record);
    return record;
  }

  private expiryOf(ttl: unknown): number | undefined {
    if (ttl === undefined) return undefined;
    const { unit, value } = asObject(ttl, 'ttl');
    if (typeof unit !== 'string' || !(unit in TTL_UNIT_MS)) throw badRequest('ttl.unit must be SECONDS, MINUTES, HOURS or DAYS');
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) throw badRequest('ttl.value must be a positive integer');
    const ms = value * TTL_UNIT_MS[unit as keyof typeof TTL_UNIT_MS];
    if (ms > MAX_TTL_MS) throw badRequest('the maximum TTL is one year');
    return this.now() + ms;
  }

  private entityOf(body: Json): Space {
    return this.entitySpace(validEntityName(body.entityName));
  }

  /** Runs `run` for one batch item; its KVS error goes to failedKeys instead of failing the batch. */
  private perItem(item: Json, failedKeys: Json[], run: (key: string, space: Space) => void): void {
    try {
      const space = item.entityName === undefined ? this.plain : this.entitySpace(validEntityName(item.entityName));
      run(validKey(item.key), space);
    } catch (error) {
      if (!(error instanceof KvsError)) throw error;
      failedKeys.push({ key: item.key, ...entityNameOf(item), error: { code: error.code, message: error.message } });
    }
  }

  private entitySpace(entityName: string): Space {
    let space = this.entities.get(entityName);
    if (space === undefined) {
      space = new Map();
      this.entities.set(entityName, space);
    }
    return space;
  }
}

function entityNameOf(item: Json): Json {
  return item.entityName === undefined ? {} : { entityName: item.entityName };
}

function asObject(value: unknown, what = 'body'): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest(`${what} must be an object`);
  return value as Json;
}

function optionalArray(value: unknown, what: string): Json[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw badRequest(`${what} must be an array`);
  return value.map((item) => asObject(item, `each ${what} operation`));
}

/** A batch is refused whole when empty, over 25 items, or naming a key (+ entity) twice. */
function asBatch(body: unknown): Json[] {
  if (!Array.isArray(body) || body.length === 0) throw badRequest('a batch needs a non-empty array of items');
  if (body.length > KVS.batchMaxItems) {
    throw new KvsError(400, 'TOO_MANY_OPERATIONS', `A batch operation can contain at most ${KVS.batchMaxItems} keys; this one has ${body.length}.`);
  }
  const items = body.map((item) => asObject(item, 'each batch item'));
  const seen = new Set<string>();
  for (const item of items) {
    const id = JSON.stringify([item.entityName ?? null, item.key]);
    if (seen.has(id)) throw badRequest(`a batch names the key ${JSON.stringify(item.key)} more than once`);
    seen.add(id);
  }
  return items;
}

export function validKey(key: unknown): string {
  if (typeof key !== 'string') throw badRequest('key must be a string');
  if (key.length === 0) throw new KvsError(400, 'KEY_TOO_SHORT', 'The provided key is empty; a key needs at least one character.');
  if (key.length > KVS.keyMaxLength) {
    throw new KvsError(400, 'KEY_TOO_LONG', `The provided key has ${key.length} characters; the maximum is ${KVS.keyMaxLength}.`);
  }
  if (!KVS.keyPattern.test(key)) {
    throw new KvsError(400, 'INVALID_KEY', `The provided key "${key.slice(0, 80)}" does not match the regex: /^(?!\\s+$)[a-zA-Z0-9:._\\s-#]+$/`);
  }
  return key;
}

function validEntityName(name: unknown): string {
  if (typeof name !== 'string' || name.length < 3 || name.length > 60 || !/^(?![.-])(?!.*\.{2})[a-z0-9:\-._]*(?<!\.)$/.test(name)) {
    throw new KvsError(400, 'INVALID_ENTITY_TYPE', `The entity name "${String(name)}" is not valid.`);
  }
  return name;
}

export function validValue(value: unknown): unknown {
  if (value === undefined || value === null) throw badRequest('the value is missing (Forge cannot store null or undefined)');
  const bytes = jsonByteLength(value);
  if (bytes > KVS.valueMaxBytes) {
    throw new KvsError(400, 'MAX_SIZE', `The provided value is ${bytes} bytes; the maximum size is ${KVS.valueMaxBytes} bytes (240 KiB).`);
  }
  if (depthExceeds(value, KVS.valueMaxDepth)) {
    throw new KvsError(400, 'MAX_DEPTH', `The provided value is nested deeper than the maximum object depth (${KVS.valueMaxDepth}).`);
  }
  return value;
}

/** Iterative, so a hostile 100,000-deep value cannot overflow the stack. */
function depthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

function metadataFields(options: unknown): Set<string> {
  if (options === undefined || options === null || typeof options !== 'object') return new Set();
  const fields = (options as Json).metadataFields;
  if (fields === undefined) return new Set();
  if (!Array.isArray(fields) || !fields.every((f) => typeof f === 'string' && METADATA_FIELDS.has(f))) {
    throw badRequest('metadataFields must be CREATED_AT, UPDATED_AT or EXPIRE_TIME');
  }
  return new Set(fields as string[]);
}

function withMetadata(key: string, record: StoredRecord, fields: ReadonlySet<string>): Json {
  return {
    key,
    value: record.value,
    ...(fields.has('CREATED_AT') ? { createdAt: record.createdAt } : {}),
    ...(fields.has('UPDATED_AT') ? { updatedAt: record.updatedAt } : {}),
    ...(fields.has('EXPIRE_TIME') && record.expireAt !== undefined ? { expireTime: new Date(record.expireAt).toISOString() } : {}),
  };
}

function beginsWithPrefix(where: unknown): string {
  if (where === undefined) return '';
  if (!Array.isArray(where) || where.length !== 1) throw new KvsError(400, 'QUERY_WHERE_INVALID', 'KVS queries should contain only a single "where" clause.');
  const clause = asObject(where[0], 'where');
  if (clause.property !== 'key') throw new KvsError(400, 'QUERY_WHERE_FIELD_INVALID', 'KVS queries can only filter on the "key" field.');
  if (clause.condition !== 'BEGINS_WITH') throw new KvsError(400, 'INVALID_FILTER_CONDITION', 'The Key-Value Store only supports the beginsWith condition.');
  const values = clause.values;
  if (!Array.isArray(values) || values.length !== 1 || (typeof values[0] !== 'string' && typeof values[0] !== 'number')) {
    throw new KvsError(400, 'INVALID_FILTER_VALUES', 'beginsWith takes exactly one string value.');
  }
  return String(values[0]);
}

// Cursors are opaque to the app (Forge: "not stable, do not persist"); here the last key, encoded.
function encodeCursor(lastKey: string): string {
  return Buffer.from(JSON.stringify({ after: lastKey }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: unknown): string {
  if (typeof cursor === 'string') {
    try {
      const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
      if (typeof decoded === 'object' && decoded !== null && typeof (decoded as Json).after === 'string') return (decoded as Json).after as string;
    } catch {
      // Reported below.
    }
  }
  throw badRequest('the cursor is not one this store returned');
}

type Condition = { property: string; condition: string; values: unknown[] };

/** Transaction conditions (`{and: [...]}` or `{or: [...]}`) on the stored value's attributes. */
function conditionsHold(conditions: unknown, stored: unknown): boolean {
  const filters = asObject(conditions, 'conditions');
  const and = filters.and;
  const or = filters.or;
  if ((and === undefined) === (or === undefined)) throw badRequest('conditions need exactly one of "and" or "or"');
  const list: unknown = and ?? or;
  if (!Array.isArray(list) || list.length === 0) throw badRequest('conditions must not be empty');
  const results = list.map((c) => conditionHolds(asCondition(c), stored));
  return and !== undefined ? results.every(Boolean) : results.some(Boolean);
}

function asCondition(value: unknown): Condition {
  const c = asObject(value, 'condition');
  if (typeof c.property !== 'string' || typeof c.condition !== 'string' || !Array.isArray(c.values)) {
    throw badRequest('each condition needs property, condition and values');
  }
  return { property: c.property, condition: c.condition, values: c.values };
}

function conditionHolds({ property, condition, values }: Condition, stored: unknown): boolean {
  const actual = typeof stored === 'object' && stored !== null ? (stored as Json)[property] : undefined;
  const [first, second] = values as [unknown, unknown];
  const comparable = (a: unknown, b: unknown): a is string | number => (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
  switch (condition) {
    case 'EXISTS':
      return actual !== undefined;
    case 'NOT_EXISTS':
      return actual === undefined;
    case 'EQUAL_TO':
      return actual === first;
    case 'NOT_EQUAL_TO':
      return actual !== undefined && actual !== first;
    case 'BEGINS_WITH':
      return typeof actual === 'string' && actual.startsWith(String(first));
    case 'CONTAINS':
      return (typeof actual === 'string' && actual.includes(String(first))) || (Array.isArray(actual) && actual.includes(first));
    case 'NOT_CONTAINS':
      return (typeof actual === 'string' && !actual.includes(String(first))) || (Array.isArray(actual) && !actual.includes(first));
    case 'GREATER_THAN':
      return comparable(actual, first) && actual > (first as typeof actual);
    case 'GREATER_THAN_EQUAL_TO':
      return comparable(actual, first) && actual >= (first as typeof actual);
    case 'LESS_THAN':
      return comparable(actual, first) && actual < (first as typeof actual);
    case 'LESS_THAN_EQUAL_TO':
      return comparable(actual, first) && actual <= (first as typeof actual);
    case 'BETWEEN':
      return comparable(actual, first) && comparable(actual, second) && actual >= (first as typeof actual) && actual <= (second as typeof actual);
    default:
      throw new KvsError(400, 'INVALID_FILTER_CONDITION', `The condition ${condition} is not supported.`);
  }
}
