/**
 * A project's index of recent changes (the last MAX_MOVERS_PER_PROJECT, across its issues), and
 * "what moved most since a date" read from it.
 */
import { MAX_MOVERS_PER_PROJECT, MAX_SAVERS, saverKey } from './model';
import type { HistoryDocument, Mover, ProjectHistory, Saver, ScoreState } from './model';

/** The project's index with the changes added (oldest dropped), and who saved the revisions named. */
export function withMovers(project: ProjectHistory | undefined, projectId: string, movers: readonly Mover[], savers: readonly { readonly document: HistoryDocument; readonly revision: number; readonly saver: Saver }[] = []): ProjectHistory {
  const known = { ...(project?.savers ?? {}) };
  for (const { document, revision, saver } of savers) known[saverKey(document, revision)] ??= saver;
  // The newest revisions are kept: by when they were saved.
  const kept = Object.entries(known)
    .sort((a, b) => (a[1].at < b[1].at ? 1 : a[1].at > b[1].at ? -1 : 0))
    .slice(0, MAX_SAVERS);
  const all = [...(project?.movers ?? []), ...movers].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { projectId, movers: all.slice(-MAX_MOVERS_PER_PROJECT), savers: Object.fromEntries(kept) };
}

export interface MovedIssue {
  readonly issueId: string;
  /** What it carried before its first change since the date, and after its last. */
  readonly from: ScoreState;
  readonly to: ScoreState;
  readonly changes: number;
  readonly lastAt: string;
  /** |to − from|, an absent score counting as 0. */
  readonly moved: number;
}

export interface MovedMost {
  readonly issues: readonly MovedIssue[];
  /**
   * When the index is full, the time of its oldest change: a date before it may miss changes
   * that no longer fit. Null when the index holds every change the project has had.
   */
  readonly keptSince: string | null;
}

function distance(from: ScoreState, to: ScoreState): number {
  if (from.score === null && to.score === null) return 0;
  return Math.abs((to.score ?? 0) - (from.score ?? 0));
}

/**
 * The issues that moved most since `since` (an ISO time), most first: by how far their score moved
 * (net, from before the first change to after the last), then by how many changes, then the latest.
 * A readiness that changed with no score change counts as a move of 0, after every score move.
 */
export function movedMost(project: ProjectHistory | undefined, since: string, limit: number): MovedMost {
  const movers = project?.movers ?? [];
  const byIssue = new Map<string, { from: ScoreState; to: ScoreState; changes: number; lastAt: string }>();
  for (const mover of movers) {
    if (mover.at < since) continue;
    const seen = byIssue.get(mover.issueId);
    if (seen === undefined) byIssue.set(mover.issueId, { from: mover.from, to: mover.to, changes: 1, lastAt: mover.at });
    else byIssue.set(mover.issueId, { from: seen.from, to: mover.to, changes: seen.changes + 1, lastAt: mover.at });
  }
  const issues = [...byIssue]
    .map(([issueId, moved]) => ({ issueId, ...moved, moved: Math.round(distance(moved.from, moved.to) * 100) / 100 }))
    // Back where it started (score and readiness): nothing moved since the date.
    .filter((issue) => issue.moved > 0 || issue.from.readiness !== issue.to.readiness)
    .sort((a, b) => b.moved - a.moved || b.changes - a.changes || (a.lastAt < b.lastAt ? 1 : a.lastAt > b.lastAt ? -1 : 0) || a.issueId.localeCompare(b.issueId))
    .slice(0, Math.max(0, limit));
  const oldest = movers[0];
  return { issues, keptSince: movers.length >= MAX_MOVERS_PER_PROJECT && oldest !== undefined ? oldest.at : null };
}
