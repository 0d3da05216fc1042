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
import type { KvsPort } from './kvs-port';
import { ConditionFailedError, MAX_VALUE_BYTES, byteLengthOf } from './kvs-port';

export const ROLLUP_GROUP_ENTITY = 'rollup-group';
export const ROLLUP_INDEX_ENTITY = 'rollup-index';
/** Pages of a project's index: each holds ≈ 1/32 of its groups' summaries (≈ 300 bytes each). */
export const INDEX_PAGES = 32;
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
  /** Every group's summary: INDEX_PAGES reads, in parallel. */
  readIndex(projectId: string): Promise<Map<string, RollupIndexEntry>>;
  loadState(projectId: string): Promise<RollupState | undefined>;
  saveState(projectId: string, state: RollupState): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function applied(members: Readonly<Record<string, RollupMember>>, change: GroupChange): Record<string, RollupMember> | undefined {
  const next: Record<string, RollupMember> = { ...members };
  let changed = false;
  for (const removal of change.remove ?? []) {
    const stored = next[removal.issueId];
    if (stored === undefined) continue;
    if (removal.readAt !== undefined && stored.u > removal.readAt) continue;
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a map keyed by issue id
    delete next[removal.issueId];
    changed = true;
  }
  for (const [issueId, member] of Object.entries(change.upsert ?? {})) {
    const stored = next[issueId];
    if (!mayReplace(stored, member) || sameMember(stored, member)) continue;
    next[issueId] = member;
    changed = true;
  }
  return changed ? next : undefined;
}

export function createRollupStore(port: KvsPort): RollupStore {
  const loadGroup = async (projectId: string, groupId: string): Promise<RollupGroupRecord | undefined> => port.getEntity<RollupGroupRecord>(ROLLUP_GROUP_ENTITY, rollupGroupKey(projectId, groupId));
  const loadPage = async (projectId: string, page: number): Promise<IndexRecord | undefined> => port.getEntity<IndexRecord>(ROLLUP_INDEX_ENTITY, rollupIndexKey(projectId, page));

  return {
    loadGroup,
    async change(projectId, groupId, change, now) {
      const epicKey = groupId.startsWith('epic:') ? groupId.slice('epic:'.length) : null;
      const page = indexPageOf(groupId);
      for (let attempt = 1; ; attempt++) {
        const [group, index] = await Promise.all([loadGroup(projectId, groupId), loadPage(projectId, page)]);
        const members = applied(group?.members ?? {}, change);
        if (members === undefined) return 'unchanged';
        const at = now.toISOString();
        const summary = summaryOf(epicKey, members);
        const entries: Record<string, RollupIndexEntry> = { ...(index?.entries ?? {}) };
        // An empty group leaves the index: the page has nothing to show for it.
        // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a map keyed by group id
        if (summary.count.total === 0) delete entries[groupId];
        else entries[groupId] = { summary, updatedAt: at };
        const groupValue: RollupGroupRecord = { projectId, group: groupId, version: (group?.version ?? 0) + 1, members, summary, updatedAt: at };
        const indexValue: IndexRecord = { projectId, version: (index?.version ?? 0) + 1, entries };
        if (byteLengthOf(groupValue) > MAX_VALUE_BYTES - 1024 || byteLengthOf(indexValue) > MAX_VALUE_BYTES - 1024) return 'overflow';
        try {
          await port.transact([
            { entity: ROLLUP_GROUP_ENTITY, key: rollupGroupKey(projectId, groupId), value: { ...groupValue }, conditions: [group === undefined ? { attribute: 'version', absent: true } : { attribute: 'version', equals: group.version }] },
            { entity: ROLLUP_INDEX_ENTITY, key: rollupIndexKey(projectId, page), value: { ...indexValue }, conditions: [index === undefined ? { attribute: 'version', absent: true } : { attribute: 'version', equals: index.version }] },
          ]);
          return 'written';
        } catch (error: unknown) {
          if (!(error instanceof ConditionFailedError) || attempt >= MAX_ATTEMPTS) throw error;
          // Someone wrote the group or its index page first: read both again, after a short random wait.
          await sleep(Math.floor(Math.random() * 20 * attempt));
        }
      }
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
