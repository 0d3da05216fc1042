/**
 * The rollups of a project's stories (src/domain/strategy/rollup.ts), in Forge storage.
 *
 * Why Forge storage and not an issue property on the epic: the page must be able to trust what it
 * shows, and any editor of an epic can write its properties through Jira's REST API; the app's
 * storage is written by the app alone. Why not one record per project: a value holds 240 KiB and
 * every story change would race on it. So:
 *
 * - entity `rollup-group`, key `rollup:<projectId>:<group>` (`epic:<KEY>` or `none:<n>`): every
 *   member of the group by issue id, its summary, a version that every write checks and bumps;
 * - entity `rollup-index`, key `rollup-index:<projectId>:<n>` (INDEX_PAGES pages, a group's page
 *   fixed by a hash of its id): the summaries of the groups, which is all the page reads (one
 *   batch of reads whatever the number of stories);
 * - key `rollup-state:<projectId>`: when the last full recount (reconcile) started and finished.
 *
 * A group and its index page are written in one transaction, each on the version it was read at:
 * two writers never lose each other's change (the later one reads again and reapplies its own).
 */
import { z } from 'zod';
import type { RollupMember, RollupSummary } from '../domain/strategy/rollup';
import { mayReplace, sameMember, summaryOf } from '../domain/strategy/rollup';
import { assertValidKey, isProjectId, StorageKeyError } from './keys';
import type { EntityWrite, KvsPort } from './kvs-port';
import { ConditionFailedError, MAX_TRANSACTION_WRITES, MAX_VALUE_BYTES, byteLengthOf } from './kvs-port';

export const ROLLUP_GROUP_ENTITY = 'rollup-group';
export const ROLLUP_INDEX_ENTITY = 'rollup-index';
/** Pages of a project's index: each holds ≈ 1/32 of its groups' summaries (≈ 300 bytes each). */
export const INDEX_PAGES = 32;
/** Index pages written at the same time by a recount (each a different record: no contention). */
const PAGES_AT_ONCE = 4;
/** Writes retried this often when another writer got there first. */
const MAX_ATTEMPTS = 12;

const GROUP = /^(epic:[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}|none:[0-9]{1,3})$/;

export function isGroupId(value: string): boolean {
  return GROUP.test(value);
}

function projectPart(projectId: string): string {
  if (!isProjectId(projectId)) throw new StorageKeyError(`"${String(projectId).slice(0, 40)}" is not a Jira project id.`);
  return projectId;
}

export function rollupGroupKey(projectId: string, groupId: string): string {
  if (!isGroupId(groupId)) throw new StorageKeyError(`"${groupId.slice(0, 60)}" is not a rollup group.`);
  return assertValidKey(`rollup:${projectPart(projectId)}:${groupId}`);
}

export function rollupIndexKey(projectId: string, page: number): string {
  return assertValidKey(`rollup-index:${projectPart(projectId)}:${page}`);
}

export function rollupStateKey(projectId: string): string {
  return assertValidKey(`rollup-state:${projectPart(projectId)}`);
}

/** FNV-1a of the group id: a group's index page, the same in every invocation. */
export function indexPageOf(groupId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < groupId.length; i++) {
    hash ^= groupId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % INDEX_PAGES;
}

export interface RollupGroupRecord {
  readonly projectId: string;
  readonly group: string;
  readonly version: number;
  readonly members: Readonly<Record<string, RollupMember>>;
  /** Stories taken out, by issue id, with the time of the read that took them out (see `applied`). */
  readonly removed?: Readonly<Record<string, number>>;
  readonly summary: RollupSummary;
  /** When a member last changed. */
  readonly updatedAt: string;
}

export interface RollupIndexEntry {
  readonly summary: RollupSummary;
  readonly updatedAt: string;
}

interface IndexRecord {
  readonly projectId: string;
  readonly version: number;
  readonly entries: Readonly<Record<string, RollupIndexEntry>>;
}

export interface RollupState {
  /** When the last full recount that finished had started (counts are at least that fresh). */
  readonly reconciledAt: string | null;
  readonly reconcileRunId: string | null;
  /** Groups too large to keep (more stories than one stored value holds): the page counts live. */
  readonly overflow: readonly string[];
}

const stateSchema = z.object({
  reconciledAt: z.string().max(40).nullable(),
  reconcileRunId: z.string().max(100).nullable(),
  overflow: z.array(z.string().max(300)).max(1000),
});

/** A member's removal: only if what is stored is not newer than the read that says it moved away. */
export interface MemberRemoval {
  readonly issueId: string;
  /** Jira's `updated` of that read (ms); undefined: removed whatever is stored (the issue is gone). */
  readonly readAt?: number;
}

export interface GroupChange {
  readonly upsert?: Readonly<Record<string, RollupMember>>;
  readonly remove?: readonly MemberRemoval[];
}

export type GroupChangeOutcome = 'written' | 'unchanged' | 'overflow';

export interface RollupStore {
  loadGroup(projectId: string, groupId: string): Promise<RollupGroupRecord | undefined>;
  /** Applies a change to a group (and its index entry) atomically; re-read and re-applied when someone wrote first. */
  change(projectId: string, groupId: string, change: GroupChange, now: Date): Promise<GroupChangeOutcome>;
  /**
   * Many groups at once (the recount): grouped by index page, each page's groups written with it
   * in transactions of up to MAX_TRANSACTION_WRITES - 1 groups, pages a few at a time. Returns the
   * groups written and those too large to keep.
   */
  changeMany(projectId: string, changes: ReadonlyMap<string, GroupChange>, now: Date): Promise<{ readonly written: number; readonly overflow: readonly string[] }>;
  /** Every group's summary: INDEX_PAGES reads, in parallel. */
  readIndex(projectId: string): Promise<Map<string, RollupIndexEntry>>;
  loadState(projectId: string): Promise<RollupState | undefined>;
  saveState(projectId: string, state: RollupState): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Removals a group remembers (issue id → the read that took it out), the newest kept. */
export const MAX_REMOVALS = 200;

interface Applied {
  readonly members: Record<string, RollupMember>;
  readonly removed: Record<string, number>;
}

/**
 * A change applied to a group's members: a removal takes a story out unless what is stored was
 * read later, and is remembered (by the time of its read), so that a slower writer whose read is
 * older (a recount step, a queued job, a trigger that read before the move) cannot put the story
 * back; an upsert goes in unless a newer read removed it or a newer read is stored.
 * Undefined when nothing changes.
 */
function applied(group: Pick<RollupGroupRecord, 'members' | 'removed'> | undefined, change: GroupChange, now: Date): Applied | undefined {
  const members: Record<string, RollupMember> = { ...(group?.members ?? {}) };
  const removed: Record<string, number> = { ...(group?.removed ?? {}) };
  let changed = false;
  for (const removal of change.remove ?? []) {
    const stored = members[removal.issueId];
    // Nothing to take out: nothing written (a story never stored here is the recount's to find).
    if (stored === undefined) continue;
    // A move read before what is stored says nothing about it; an issue gone from Jira goes whatever
    // is stored, and its removal is dated after any read of it.
    if (removal.readAt !== undefined && stored.u > removal.readAt) continue;
    const readAt = removal.readAt ?? Math.max(now.getTime(), stored.u);
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a map keyed by issue id
    delete members[removal.issueId];
    removed[removal.issueId] = Math.max(readAt, removed[removal.issueId] ?? -1);
    changed = true;
  }
  for (const [issueId, member] of Object.entries(change.upsert ?? {})) {
    const removedAt = removed[issueId];
    if (removedAt !== undefined && member.u <= removedAt) continue;
    const stored = members[issueId];
    if (!mayReplace(stored, member) || sameMember(stored, member)) continue;
    members[issueId] = member;
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a map keyed by issue id
    if (removedAt !== undefined) delete removed[issueId];
    changed = true;
  }
  if (!changed) return undefined;
  const kept = Object.entries(removed);
  if (kept.length <= MAX_REMOVALS) return { members, removed };
  return { members, removed: Object.fromEntries(kept.sort((a, b) => b[1] - a[1]).slice(0, MAX_REMOVALS)) };
}

export function createRollupStore(port: KvsPort): RollupStore {
  const loadGroup = async (projectId: string, groupId: string): Promise<RollupGroupRecord | undefined> => port.getEntity<RollupGroupRecord>(ROLLUP_GROUP_ENTITY, rollupGroupKey(projectId, groupId));
  const loadPage = async (projectId: string, page: number): Promise<IndexRecord | undefined> => port.getEntity<IndexRecord>(ROLLUP_INDEX_ENTITY, rollupIndexKey(projectId, page));

  /**
   * Applies changes to groups that share one index page, in one transaction with that page; read
   * again and re-applied when someone wrote first. Groups that would not fit are left out.
   */
  const writeOnPage = async (projectId: string, page: number, changes: readonly (readonly [string, GroupChange])[], now: Date): Promise<{ written: number; overflow: string[] }> => {
    for (let attempt = 1; ; attempt++) {
      const [groups, index] = await Promise.all([Promise.all(changes.map(([groupId]) => loadGroup(projectId, groupId))), loadPage(projectId, page)]);
      const at = now.toISOString();
      const entries: Record<string, RollupIndexEntry> = { ...(index?.entries ?? {}) };
      const writes: EntityWrite[] = [];
      const overflow: string[] = [];
      changes.forEach(([groupId, change], i) => {
        const group = groups[i];
        const next = applied(group, change, now);
        if (next === undefined) return;
        const { members, removed } = next;
        const summary = summaryOf(groupId.startsWith('epic:') ? groupId.slice('epic:'.length) : null, members);
        const value: RollupGroupRecord = { projectId, group: groupId, version: (group?.version ?? 0) + 1, members, removed, summary, updatedAt: at };
        if (byteLengthOf(value) > MAX_VALUE_BYTES - 1024) {
          overflow.push(groupId);
          return;
        }
        // An empty group leaves the index: the page has nothing to show for it.
        // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a map keyed by group id
        if (summary.count.total === 0) delete entries[groupId];
        else entries[groupId] = { summary, updatedAt: at };
        writes.push({ entity: ROLLUP_GROUP_ENTITY, key: rollupGroupKey(projectId, groupId), value: { ...value }, conditions: [group === undefined ? { attribute: 'version', absent: true } : { attribute: 'version', equals: group.version }] });
      });
      if (writes.length === 0) return { written: 0, overflow };
      const indexValue: IndexRecord = { projectId, version: (index?.version ?? 0) + 1, entries };
      if (byteLengthOf(indexValue) > MAX_VALUE_BYTES - 1024) return { written: 0, overflow: [...overflow, ...changes.map(([groupId]) => groupId)] };
      writes.push({ entity: ROLLUP_INDEX_ENTITY, key: rollupIndexKey(projectId, page), value: { ...indexValue }, conditions: [index === undefined ? { attribute: 'version', absent: true } : { attribute: 'version', equals: index.version }] });
      try {
        await port.transact(writes);
        return { written: writes.length - 1, overflow };
      } catch (error: unknown) {
        if (!(error instanceof ConditionFailedError) || attempt >= MAX_ATTEMPTS) throw error;
        // Someone wrote a group or the index page first: read them again, after a short random wait.
        await sleep(Math.floor(Math.random() * 20 * attempt));
      }
    }
  };

  return {
    loadGroup,
    async change(projectId, groupId, change, now) {
      const { written, overflow } = await writeOnPage(projectId, indexPageOf(groupId), [[groupId, change]], now);
      return overflow.length > 0 ? 'overflow' : written > 0 ? 'written' : 'unchanged';
    },
    async changeMany(projectId, changes, now) {
      const byPage = new Map<number, [string, GroupChange][]>();
      for (const [groupId, change] of changes) {
        const page = indexPageOf(groupId);
        byPage.set(page, [...(byPage.get(page) ?? []), [groupId, change]]);
      }
      const batches: { page: number; changes: [string, GroupChange][] }[] = [];
      for (const [page, list] of byPage) for (let i = 0; i < list.length; i += MAX_TRANSACTION_WRITES - 1) batches.push({ page, changes: list.slice(i, i + MAX_TRANSACTION_WRITES - 1) });
      let written = 0;
      const overflow: string[] = [];
      // Batches of different pages at once; batches of one page one after the other (they share its record).
      const queues = [...new Set(batches.map((batch) => batch.page))].map((page) => batches.filter((batch) => batch.page === page));
      for (let i = 0; i < queues.length; i += PAGES_AT_ONCE) {
        await Promise.all(
          queues.slice(i, i + PAGES_AT_ONCE).map(async (queue) => {
            for (const batch of queue) {
              const result = await writeOnPage(projectId, batch.page, batch.changes, now);
              written += result.written;
              overflow.push(...result.overflow);
            }
          }),
        );
      }
      return { written, overflow };
    },
    async readIndex(projectId) {
      const pages = await Promise.all(Array.from({ length: INDEX_PAGES }, (_, page) => loadPage(projectId, page)));
      const entries = new Map<string, RollupIndexEntry>();
      for (const page of pages) for (const [groupId, entry] of Object.entries(page?.entries ?? {})) if (isGroupId(groupId)) entries.set(groupId, entry);
      return entries;
    },
    async loadState(projectId) {
      const parsed = stateSchema.safeParse(await port.get(rollupStateKey(projectId)));
      return parsed.success ? parsed.data : undefined;
    },
    async saveState(projectId, state) {
      await port.set(rollupStateKey(projectId), state);
    },
  };
}
