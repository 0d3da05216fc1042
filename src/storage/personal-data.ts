/**
 * The personal data Throughline keeps: Atlassian account ids, never names or e-mail addresses.
 * Atlassian's user privacy guide asks an app that stores account ids to report them regularly and
 * to erase what it holds of an account Atlassian says is closed. They are held, per project, in:
 *
 * | where                                     | what                                          |
 * | ----------------------------------------- | --------------------------------------------- |
 * | entity `settings`, every document         | `savedBy`: who saved it (or "app")            |
 * | entity `settings`, `product-managers`     | `document.accountIds`                         |
 * | entity `settings`, `strategy`             | `document.productManagers` (older documents)  |
 * | entity `recompute-run`                    | `progress.requestedBy`: who started the run   |
 * | key `backlog-pins:<projectId>`            | `pins.*.by`: who pinned an issue in the backlog |
 * | entity `score-history-project`            | `savers.*.by`: who saved a configuration revision a change names |
 *
 * Custom entities cannot be listed without an index (which the local runtime does not model), so
 * every project that stores anything is registered under a plain key, `held:<projectId>`, which
 * is listed by prefix: registering is one idempotent write, done before the data it covers is
 * written, so an id is never held without its project being registered.
 */
import { z } from 'zod';
import { DOCUMENT_KINDS, PROJECT_HISTORY_ENTITY, RECOMPUTE_ENTITY, SETTINGS_ENTITY, assertValidKey, backlogPinsKey, isProjectId, projectHistoryKey, recomputeKey, settingsKey } from './keys';
import type { DocumentKind } from './keys';
import type { KvsPort } from './kvs-port';
import { ConditionFailedError } from './kvs-port';
import { createScoringRoundStore } from './scoring-rounds';

const REGISTER_PREFIX = 'held:';

/** What an erased account id becomes where a record must name someone (`savedBy`, `requestedBy`). */
export const FORMER_USER = 'former-user';

/** Who saved a record when no person did (an import of the demo, a trigger). */
const NOT_A_PERSON = new Set(['app', FORMER_USER, '']);

/** Records the project as holding account ids; idempotent. Call it before writing them. */
export async function registerProject(kvs: KvsPort, projectId: string): Promise<void> {
  if (!isProjectId(projectId)) return;
  await kvs.set(assertValidKey(`${REGISTER_PREFIX}${projectId}`), { projectId });
}

/** An account id the project holds, and the latest time the app stored it (Atlassian's `updatedAt`). */
export interface HeldAccount {
  readonly accountId: string;
  readonly updatedAt: string;
}

/** What erasing changed in one project. */
export interface ErasedInProject {
  /** Records rewritten without the closed accounts. */
  readonly records: number;
  /** Records left for the next run because they were busy (a recompute running). */
  readonly deferred: number;
}

export interface PersonalDataStore {
  /** One page of the projects that hold account ids (at most 20, Forge's page size), in key order. */
  projects(cursor?: string): Promise<{ readonly projectIds: readonly string[]; readonly cursor?: string }>;
  /** Every account id the project holds, once, with when it was stored. */
  accountsIn(projectId: string): Promise<readonly HeldAccount[]>;
  /** Removes the accounts from the project's records, or anonymises them where a record must name someone; idempotent. */
  erase(projectId: string, accountIds: ReadonlySet<string>): Promise<ErasedInProject>;
}

const stringList = z.array(z.string());
type RawRecord = Record<string, unknown>;

function isRecord(value: unknown): value is RawRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function listAt(record: RawRecord, field: string): string[] {
  const document = record.document;
  if (!isRecord(document)) return [];
  const parsed = stringList.safeParse(document[field]);
  return parsed.success ? parsed.data : [];
}

/** The document field holding account ids, by kind. */
const LIST_FIELD: Partial<Record<DocumentKind, string>> = { 'product-managers': 'accountIds', strategy: 'productManagers' };

function settingsAccounts(kind: DocumentKind, record: RawRecord): string[] {
  const ids = typeof record.savedBy === 'string' ? [record.savedBy] : [];
  const field = LIST_FIELD[kind];
  return field === undefined ? ids : [...ids, ...listAt(record, field)];
}

function requestedByOf(record: RawRecord): string | undefined {
  const progress = record.progress;
  return isRecord(progress) && typeof progress.requestedBy === 'string' ? progress.requestedBy : undefined;
}

/** The settings record without the accounts, or undefined when it names none of them. */
function settingsWithout(kind: DocumentKind, record: RawRecord, closed: ReadonlySet<string>): RawRecord | undefined {
  let next: RawRecord = record;
  if (typeof record.savedBy === 'string' && closed.has(record.savedBy)) next = { ...next, savedBy: FORMER_USER };
  const field = LIST_FIELD[kind];
  const document = record.document;
  if (field !== undefined && isRecord(document) && Array.isArray(document[field])) {
    const ids = listAt(record, field);
    if (ids.some((id) => closed.has(id))) next = { ...next, document: { ...document, [field]: ids.filter((id) => !closed.has(id)) } };
  }
  return next === record ? undefined : next;
}

/** How often an erasure re-reads a record that a save changed under it before giving up (the run retries). */
const ERASE_ATTEMPTS = 3;

export function createPersonalDataStore(kvs: KvsPort): PersonalDataStore {
  async function settingsRecords(projectId: string): Promise<[DocumentKind, RawRecord][]> {
    const records = await Promise.all(DOCUMENT_KINDS.map(async (kind) => [kind, await kvs.getEntity<unknown>(SETTINGS_ENTITY, settingsKey(projectId, kind))] as const));
    return records.filter((entry): entry is [DocumentKind, RawRecord] => isRecord(entry[1]));
  }

  /**
   * One settings document rewritten without the accounts, conditional on the revision it was read
   * at. The revision is kept: the configuration itself did not change, so a page open on it stays
   * valid; a save that lands in between wins, and the document is read again.
   */
  async function eraseSettings(projectId: string, kind: DocumentKind, closed: ReadonlySet<string>): Promise<boolean> {
    for (let attempt = 0; attempt < ERASE_ATTEMPTS; attempt++) {
      const key = settingsKey(projectId, kind);
      const record = await kvs.getEntity<unknown>(SETTINGS_ENTITY, key);
      if (!isRecord(record)) return false;
      const next = settingsWithout(kind, record, closed);
      if (next === undefined) return false;
      const revision = record.revision;
      const condition = typeof revision === 'number' ? { attribute: 'revision', equals: revision } : { attribute: 'revision', absent: true as const };
      try {
        await kvs.transact([{ entity: SETTINGS_ENTITY, key, value: next, conditions: [condition] }]);
        return true;
      } catch (error: unknown) {
        if (!(error instanceof ConditionFailedError)) throw error;
      }
    }
    throw new ConditionFailedError(`The ${kind} of project ${projectId} kept changing while an account was being erased from it; the next run erases it.`);
  }

  /**
   * The run record names who started it. A running recompute commits on (run id, lease) with the
   * progress it read, which would put the id back, so only a finished run is rewritten; a running
   * one is left for the next run (a week later it has long finished, or been replaced).
   */
  async function eraseRun(projectId: string, closed: ReadonlySet<string>): Promise<'erased' | 'deferred' | 'none'> {
    const key = recomputeKey(projectId);
    const record = await kvs.getEntity<unknown>(RECOMPUTE_ENTITY, key);
    if (!isRecord(record)) return 'none';
    const requestedBy = requestedByOf(record);
    if (requestedBy === undefined || !closed.has(requestedBy)) return 'none';
    if (record.status === 'running') return 'deferred';
    const conditions = [
      { attribute: 'runId', equals: String(record.runId) },
      { attribute: 'lease', equals: Number(record.lease) },
    ];
    try {
      await kvs.transact([{ entity: RECOMPUTE_ENTITY, key, value: { ...record, progress: { ...(record.progress as RawRecord), requestedBy: FORMER_USER } }, conditions }]);
      return 'erased';
    } catch (error: unknown) {
      // A new run replaced it in between: it names whoever started that one.
      if (error instanceof ConditionFailedError) return 'deferred';
      throw error;
    }
  }

  /** The backlog pins (see backlog-order-store.ts), read loosely: only `by` and `at` matter here. */
  async function pinsOf(projectId: string): Promise<Record<string, RawRecord>> {
    const stored = await kvs.get<unknown>(backlogPinsKey(projectId));
    const pins = isRecord(stored) ? stored.pins : undefined;
    return isRecord(pins) ? (Object.fromEntries(Object.entries(pins).filter(([, pin]) => isRecord(pin))) as Record<string, RawRecord>) : {};
  }

  /** A pin keeps its reason and place; who pinned it becomes FORMER_USER. */
  async function erasePins(projectId: string, closed: ReadonlySet<string>): Promise<boolean> {
    const pins = await pinsOf(projectId);
    if (!Object.values(pins).some((pin) => typeof pin.by === 'string' && closed.has(pin.by))) return false;
    const kept = Object.fromEntries(Object.entries(pins).map(([id, pin]) => [id, typeof pin.by === 'string' && closed.has(pin.by) ? { ...pin, by: FORMER_USER } : pin]));
    await kvs.set(backlogPinsKey(projectId), { pins: kept });
    return true;
  }

  /** Who saved the revisions the project's score history names (see score-history.ts), read loosely. */
  async function historySavers(projectId: string): Promise<{ record: RawRecord | undefined; savers: Record<string, RawRecord> }> {
    const record = await kvs.getEntity<unknown>(PROJECT_HISTORY_ENTITY, projectHistoryKey(projectId));
    if (!isRecord(record) || !isRecord(record.savers)) return { record: undefined, savers: {} };
    return { record, savers: Object.fromEntries(Object.entries(record.savers).filter(([, saver]) => isRecord(saver))) as Record<string, RawRecord> };
  }

  /** A saver keeps the revision and when; who saved it becomes FORMER_USER. Conditional on the record's version. */
  async function eraseHistorySavers(projectId: string, closed: ReadonlySet<string>): Promise<boolean> {
    for (let attempt = 0; attempt < ERASE_ATTEMPTS; attempt++) {
      const { record, savers } = await historySavers(projectId);
      if (record === undefined || !Object.values(savers).some((saver) => typeof saver.by === 'string' && closed.has(saver.by))) return false;
      const kept = Object.fromEntries(Object.entries(savers).map(([key, saver]) => [key, typeof saver.by === 'string' && closed.has(saver.by) ? { ...saver, by: FORMER_USER } : saver]));
      const version = record.version;
      const condition = typeof version === 'number' ? { attribute: 'version', equals: version } : { attribute: 'version', absent: true as const };
      try {
        await kvs.transact([{ entity: PROJECT_HISTORY_ENTITY, key: projectHistoryKey(projectId), value: { ...record, savers: kept, version: (typeof version === 'number' ? version : 0) + 1 }, conditions: [condition] }]);
        return true;
      } catch (error: unknown) {
        if (!(error instanceof ConditionFailedError)) throw error;
      }
    }
    throw new ConditionFailedError(`The score history of project ${projectId} kept changing while an account was being erased from it; the next run erases it.`);
  }

  return {
    async projects(cursor) {
      const page = await kvs.listPrefix(REGISTER_PREFIX, cursor);
      const projectIds = page.entries.map((entry) => entry.key.slice(REGISTER_PREFIX.length)).filter(isProjectId);
      return page.cursor === undefined ? { projectIds } : { projectIds, cursor: page.cursor };
    },

    async accountsIn(projectId) {
      const latest = new Map<string, string>();
      const hold = (accountId: string, at: unknown): void => {
        if (NOT_A_PERSON.has(accountId)) return;
        const when = typeof at === 'string' && !Number.isNaN(Date.parse(at)) ? new Date(at).toISOString() : new Date(0).toISOString();
        const known = latest.get(accountId);
        if (known === undefined || known < when) latest.set(accountId, when);
      };
      for (const [kind, record] of await settingsRecords(projectId)) for (const id of settingsAccounts(kind, record)) hold(id, record.savedAt);
      const run = await kvs.getEntity<unknown>(RECOMPUTE_ENTITY, recomputeKey(projectId));
      if (isRecord(run)) {
        const requestedBy = requestedByOf(run);
        if (requestedBy !== undefined) hold(requestedBy, (run.progress as RawRecord).startedAt);
      }
      for (const pin of Object.values(await pinsOf(projectId))) if (typeof pin.by === 'string') hold(pin.by, pin.at);
      for (const saver of Object.values((await historySavers(projectId)).savers)) if (typeof saver.by === 'string') hold(saver.by, saver.at);
      for (const held of await createScoringRoundStore(kvs).accountsIn(projectId)) if (!held.accountId.startsWith(`${FORMER_USER}-`)) hold(held.accountId, held.at);
      return [...latest].map(([accountId, updatedAt]) => ({ accountId, updatedAt }));
    },

    async erase(projectId, accountIds) {
      if (accountIds.size === 0) return { records: 0, deferred: 0 };
      let records = 0;
      for (const kind of DOCUMENT_KINDS) if (await eraseSettings(projectId, kind, accountIds)) records++;
      const run = await eraseRun(projectId, accountIds);
      if (await erasePins(projectId, accountIds)) records++;
      if (await eraseHistorySavers(projectId, accountIds)) records++;
      records += await createScoringRoundStore(kvs).erase(projectId, accountIds, FORMER_USER);
      return { records: records + (run === 'erased' ? 1 : 0), deferred: run === 'deferred' ? 1 : 0 };
    },
  };
}
