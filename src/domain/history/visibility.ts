/**
 * Who sees which part of an issue's history. An issue keeps its history when it moves to another
 * project (its id does not change), and the entries written while it was in the old project were
 * computed with that project's configuration, strategy and themes: the old project's data.
 *
 * The rule: an entry is shown in full to a user who may browse the project it was written in (the
 * issue's project now, or the old one). For anyone else it is left out and only counted ("3
 * earlier changes were made in a project you cannot browse"), and the entry that records the move
 * itself shows no "from" value (that score came from the old project's configuration).
 */
import type { HistoryEntry, IssueHistory } from './model';

export interface ShownEntry extends HistoryEntry {
  /** The "from" value was computed in a project the user may not browse: left out. */
  readonly fromHidden: boolean;
}

export interface VisibleHistory {
  /** Newest first. */
  readonly entries: readonly ShownEntry[];
  /** Entries written in a project the user may not browse: only counted. */
  readonly hidden: number;
}

/** Projects other than `currentProjectId` that the history's entries were written in or moved from. */
export function otherProjectsOf(history: IssueHistory | undefined, currentProjectId: string): string[] {
  const projects = new Set<string>();
  for (const entry of history?.entries ?? []) {
    if (entry.projectId !== currentProjectId) projects.add(entry.projectId);
    for (const cause of entry.causes) if (cause.kind === 'moved' && cause.fromProjectId !== currentProjectId) projects.add(cause.fromProjectId);
  }
  return [...projects].sort();
}

/** What of the history a user sees, given the projects they may browse (the current one always). */
export function visibleHistory(history: IssueHistory | undefined, currentProjectId: string, mayBrowse: (projectId: string) => boolean): VisibleHistory {
  const allowed = (projectId: string): boolean => projectId === currentProjectId || mayBrowse(projectId);
  const entries: ShownEntry[] = [];
  let hidden = 0;
  for (const entry of [...(history?.entries ?? [])].reverse()) {
    if (!allowed(entry.projectId)) {
      hidden++;
      continue;
    }
    const movedFrom = entry.causes.find((cause) => cause.kind === 'moved');
    const fromHidden = movedFrom !== undefined && !allowed(movedFrom.fromProjectId);
    entries.push(fromHidden ? { ...entry, from: { score: null, readiness: null }, fromHidden } : { ...entry, fromHidden });
  }
  return { entries, hidden };
}
