/**
 * Why a priority moved (src/domain/history), in Forge storage, written by the app alone:
 *
 * - entity `score-history`, key `score-history:<issueId>`: the issue's last changes (at most
 *   MAX_ENTRIES_PER_ISSUE) and the snapshot the newest was computed from. By issue id, which does
 *   not change when the issue moves to another project; each entry names the project it was
 *   written in (src/domain/history/visibility.ts says who sees what).
 * - entity `score-history-project`, key `score-history-project:<projectId>`: the project's last
 *   changes across its issues (at most MAX_MOVERS_PER_PROJECT: "what moved most since"; an issue's
 *   first record, the app's first value for it, is not a move and stays out), and who
 *   saved the configuration revisions its entries name (the only account ids here, reported and
 *   erased by personal-data.ts).
 *
 * Each record carries a `version` that every write checks (a trigger and a recompute may record
 * the same issue at once): a writer that lost reads again and derives its causes from what won, so
 * a change written twice is recorded once. Every value is validated when read; one of another
 * shape reads as none.
 */
import { issueHistorySchema, projectHistorySchema, withAttribution, withChange, withMovers } from '../domain/history';
import type { Attribution, ChangeDraft, HistoryDocument, IssueHistory, Mover, ProjectHistory, Saver } from '../domain/history';
import { ISSUE_HISTORY_ENTITY, PROJECT_HISTORY_ENTITY, isIssueId, isProjectId, issueHistoryKey, projectHistoryKey } from './keys';
import type { EntityWrite, KvsPort } from './kvs-port';
import { ConditionFailedError, MAX_TRANSACTION_WRITES } from './kvs-port';
import { registerProject } from './personal-data';

export { ISSUE_HISTORY_ENTITY, PROJECT_HISTORY_ENTITY };
/** Writes retried this often when another writer got there first. */
const MAX_ATTEMPTS = 8;
/** Issue histories read at the same time. */
const READS_AT_ONCE = 24;
/** Transactions of different issues written at the same time (they never contend). */
const CHUNKS_AT_ONCE = 4;

/** Who saved a revision of a project's configuration, as the recorder learns it. */
export interface SaverDraft {
  readonly projectId: string;
  readonly document: HistoryDocument;
  readonly revision: number;
  readonly saver: Saver;
}

export interface RecordOutcome {
  /** Changes recorded (a repeat of an issue's newest entry is not). */
  readonly recorded: number;
  /** Storage transactions that succeeded. */
  readonly writes: number;
}

export interface ScoreHistoryStore {
  load(issueId: string): Promise<IssueHistory | undefined>;
  loadMany(issueIds: readonly string[]): Promise<Map<string, IssueHistory>>;
  loadProject(projectId: string): Promise<ProjectHistory | undefined>;
  /** Records the changes, each issue's causes derived from its stored snapshot, and adds them to their projects' indexes. */
  record(changes: readonly ChangeDraft[], savers?: readonly SaverDraft[]): Promise<RecordOutcome>;
  /** Why an input of the issue is about to change (a team round applying its agreed value): the next record of that change names it. */
  attribute(issueId: string, attribution: Attribution): Promise<void>;
  /** An issue deleted from Jira: its history is emptied (its projects' indexes keep their numbers, shown only for issues a user can read). */
  forget(issueId: string): Promise<void>;
}

interface StoredIssue extends IssueHistory {
  readonly version: number;
}

interface StoredProject extends ProjectHistory {
  readonly version: number;
}

function versionOf(value: unknown): number | undefined {
  return typeof value === 'object' && value !== null && typeof (value as { version?: unknown }).version === 'number' ? (value as { version: number }).version : undefined;
}

/** A change as recorded, and whether it was the issue's first record. */
interface Recorded {
  readonly change: ChangeDraft;
  readonly first: boolean;
}

function recordedOf(change: ChangeDraft, history: IssueHistory): Recorded {
  const causes = history.entries.at(-1)?.causes ?? [];
  return { change, first: causes.length === 1 && causes[0]?.kind === 'first' };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function condition(version: number | undefined): EntityWrite['conditions'] {
  return [version === undefined ? { attribute: 'version', absent: true } : { attribute: 'version', equals: version }];
}

export function createScoreHistoryStore(port: KvsPort): ScoreHistoryStore {
  /** The stored record: its history when valid, and its version (a damaged record is replaced on the next write). */
  const readIssue = async (issueId: string): Promise<{ history: IssueHistory | undefined; version: number | undefined }> => {
    const raw = await port.getEntity<unknown>(ISSUE_HISTORY_ENTITY, issueHistoryKey(issueId));
    const parsed = issueHistorySchema.safeParse(raw);
    return { history: parsed.success && parsed.data.issueId === issueId ? parsed.data : undefined, version: versionOf(raw) };
  };
  const readProject = async (projectId: string): Promise<{ project: ProjectHistory | undefined; version: number | undefined }> => {
    const raw = await port.getEntity<unknown>(PROJECT_HISTORY_ENTITY, projectHistoryKey(projectId));
    const parsed = projectHistorySchema.safeParse(raw);
    return { project: parsed.success && parsed.data.projectId === projectId ? parsed.data : undefined, version: versionOf(raw) };
  };
  const issueWrite = (next: IssueHistory, version: number | undefined): EntityWrite => {
    const value: StoredIssue = { ...next, version: (version ?? 0) + 1 };
    return { entity: ISSUE_HISTORY_ENTITY, key: issueHistoryKey(next.issueId), value: { ...value }, conditions: condition(version) };
  };

  /** One issue's change, read and written until it lands (undefined: it repeats what is stored). */
  const recordOne = async (change: ChangeDraft): Promise<Recorded | undefined> => {
    for (let attempt = 1; ; attempt++) {
      const stored = await readIssue(change.issueId);
      const next = withChange(stored.history, change);
      if (next === undefined) return undefined;
      try {
        await port.transact([issueWrite(next, stored.version)]);
        return recordedOf(change, next);
      } catch (error: unknown) {
        if (!(error instanceof ConditionFailedError) || attempt >= MAX_ATTEMPTS) throw error;
        await sleep(Math.floor(Math.random() * 20 * attempt));
      }
    }
  };

  /** Up to a transaction's worth of issues in one transaction; one by one when another writer got there first. */
  const recordChunk = async (changes: readonly ChangeDraft[]): Promise<{ recorded: Recorded[]; writes: number }> => {
    const stored = await Promise.all(changes.map((change) => readIssue(change.issueId)));
    const writes: EntityWrite[] = [];
    const recorded: Recorded[] = [];
    changes.forEach((change, i) => {
      const read = stored[i];
      const next = withChange(read?.history, change);
      if (next === undefined) return;
      writes.push(issueWrite(next, read?.version));
      recorded.push(recordedOf(change, next));
    });
    if (writes.length === 0) return { recorded, writes: 0 };
    try {
      await port.transact(writes);
      return { recorded, writes: 1 };
    } catch (error: unknown) {
      if (!(error instanceof ConditionFailedError)) throw error;
    }
    const again: Recorded[] = [];
    for (const { change } of recorded) {
      const landed = await recordOne(change);
      if (landed !== undefined) again.push(landed);
    }
    return { recorded: again, writes: again.length };
  };

  const recordProject = async (projectId: string, movers: readonly Mover[], savers: readonly SaverDraft[]): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      const { project, version } = await readProject(projectId);
      const known = project?.savers ?? {};
      const fresh = savers.filter((draft) => known[`${draft.document}:${String(draft.revision)}`] === undefined);
      if (movers.length === 0 && fresh.length === 0) return;
      // An account id is about to be kept: the project is registered for the personal data report first.
      if (fresh.some((draft) => draft.saver.by !== 'app' && draft.saver.by !== '')) await registerProject(port, projectId);
      const next = withMovers(project, projectId, movers, fresh);
      const value: StoredProject = { ...next, version: (version ?? 0) + 1 };
      try {
        await port.transact([{ entity: PROJECT_HISTORY_ENTITY, key: projectHistoryKey(projectId), value: { ...value }, conditions: condition(version) }]);
        return;
      } catch (error: unknown) {
        if (!(error instanceof ConditionFailedError) || attempt >= MAX_ATTEMPTS) throw error;
        await sleep(Math.floor(Math.random() * 20 * attempt));
      }
    }
  };

  return {
    async load(issueId) {
      return (await readIssue(issueId)).history;
    },

    async loadMany(issueIds) {
      const found = new Map<string, IssueHistory>();
      const ids = [...new Set(issueIds)].filter(isIssueId);
      for (let start = 0; start < ids.length; start += READS_AT_ONCE) {
        const chunk = ids.slice(start, start + READS_AT_ONCE);
        const read = await Promise.all(chunk.map((id) => readIssue(id)));
        read.forEach((entry, i) => {
          const id = chunk[i];
          if (entry.history !== undefined && id !== undefined) found.set(id, entry.history);
        });
      }
      return found;
    },

    async loadProject(projectId) {
      return (await readProject(projectId)).project;
    },

    async record(changes, savers = []) {
      // One change per issue: the last one given is what the issue carries now.
      const byIssue = new Map<string, ChangeDraft>();
      for (const change of changes) if (isIssueId(change.issueId) && isProjectId(change.projectId)) byIssue.set(change.issueId, change);
      const all = [...byIssue.values()];
      const recorded: Recorded[] = [];
      let writes = 0;
      const chunks: ChangeDraft[][] = [];
      for (let start = 0; start < all.length; start += MAX_TRANSACTION_WRITES) chunks.push(all.slice(start, start + MAX_TRANSACTION_WRITES));
      for (let start = 0; start < chunks.length; start += CHUNKS_AT_ONCE) {
        for (const result of await Promise.all(chunks.slice(start, start + CHUNKS_AT_ONCE).map(recordChunk))) {
          recorded.push(...result.recorded);
          writes += result.writes;
        }
      }
      const byProject = new Map<string, Mover[]>();
      // A first record is the app's first value for the issue, not a move: it stays out of the index.
      for (const { change, first } of recorded) {
        if (first) continue;
        const list = byProject.get(change.projectId) ?? [];
        list.push({ issueId: change.issueId, at: change.at, from: change.from, to: change.to });
        byProject.set(change.projectId, list);
      }
      for (const [projectId, movers] of byProject) {
        await recordProject(projectId, movers, savers.filter((draft) => draft.projectId === projectId));
        writes++;
      }
      // Who saved the revisions a first record names, too (a later change's cause may name them).
      for (const projectId of new Set(recorded.map(({ change }) => change.projectId))) {
        if (!byProject.has(projectId)) await recordProject(projectId, [], savers.filter((draft) => draft.projectId === projectId));
      }
      return { recorded: recorded.length, writes };
    },

    async attribute(issueId, attribution) {
      if (!isIssueId(issueId)) return;
      for (let attempt = 1; ; attempt++) {
        const stored = await readIssue(issueId);
        try {
          await port.transact([issueWrite(withAttribution(stored.history, issueId, attribution), stored.version)]);
          return;
        } catch (error: unknown) {
          if (!(error instanceof ConditionFailedError) || attempt >= MAX_ATTEMPTS) throw error;
          await sleep(Math.floor(Math.random() * 20 * attempt));
        }
      }
    },

    async forget(issueId) {
      for (let attempt = 1; ; attempt++) {
        const stored = await readIssue(issueId);
        if (stored.version === undefined) return;
        try {
          await port.transact([issueWrite({ issueId, entries: [], snapshot: null }, stored.version)]);
          return;
        } catch (error: unknown) {
          if (!(error instanceof ConditionFailedError) || attempt >= MAX_ATTEMPTS) throw error;
        }
      }
    },
  };
}
