/**
 * Recording why a priority moved, on the path every writer of the app's values shares: the
 * trigger and the queue (`recomputeIssues`), the bulk recompute (`runRecomputeStep`) and an epic's
 * stories (`recomputeEpicChildren`) each hand the evaluations whose values they wrote to
 * `HistoryBatch`, which turns each into a change (from → to and the snapshot it was computed from)
 * and records them once the Jira writes are done. A writer that evaluates and writes through
 * app-writes.ts records here the same way.
 *
 * Storage only: no Jira call is added. A failure to record is logged and never fails the write it
 * follows (the values in Jira are what matter; the history is their explanation).
 */
import { snapshotOf } from '../domain/history';
import type { ChangeDraft, SnapshotInput } from '../domain/history';
import { describeForLog } from '../jira';
import type { RecordOutcome, SaverDraft, ScoreHistoryStore } from '../storage';
import type { IssueEvaluation, ReadinessProperty } from './evaluation';
import { utcToday } from './evaluation';
import { inputSourceOf, rawTextOf } from './issue-score';
import type { ProjectConfiguration } from './project-configuration';

/** The breakdown line of the theme's strategic weight (no Jira field: the caller's context). */
const STRATEGIC_WEIGHT_INPUT = 'strategicWeight';

function sameVerdict(a: ReadinessProperty | undefined, b: ReadinessProperty | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.verdict === b.verdict && a.failingRules.length === b.failingRules.length && a.failingRules.every((rule, i) => rule === b.failingRules[i]);
}

/** Whether the evaluation writes a change to the issue's score or readiness (not only its theme index). */
export function writesChange(evaluation: IssueEvaluation): boolean {
  return evaluation.changed.score || evaluation.changed.readiness || (evaluation.changed.property && !sameVerdict(evaluation.values.property, evaluation.current.property));
}

/** The change an evaluation writes, as the history records it; undefined when it writes none. */
export function changeOf(evaluation: IssueEvaluation, configuration: ProjectConfiguration, now: Date): ChangeDraft | undefined {
  if (!writesChange(evaluation)) return undefined;
  const inputs: SnapshotInput[] = [];
  let weight: number | null | undefined;
  for (const line of evaluation.score.breakdown) {
    if (line.input === STRATEGIC_WEIGHT_INPUT && line.fieldId === null) {
      weight = line.used;
      continue;
    }
    inputs.push({ key: line.input, label: line.label, text: rawTextOf(line.raw), used: line.used, isDate: inputSourceOf(configuration.scoring, line.input)?.kind === 'date' });
  }
  const theme = evaluation.theme.kind === 'theme' ? { id: evaluation.theme.theme.id, name: evaluation.theme.theme.name, weight: weight ?? (evaluation.theme.archived ? 1 : evaluation.theme.theme.strategicWeight) } : null;
  const snapshot = snapshotOf({
    projectId: configuration.projectId,
    day: utcToday(now),
    revisions: { scoring: configuration.documents.scoring.revision, readiness: configuration.documents.readiness.revision },
    inputs,
    theme,
    weighted: weight !== undefined,
    score: evaluation.values.score,
    readiness: evaluation.values.readiness,
    failing: evaluation.readiness.failures.map((failure) => failure.ruleId),
  });
  return {
    issueId: evaluation.issueId,
    projectId: configuration.projectId,
    at: now.toISOString(),
    from: { score: evaluation.current.score, readiness: evaluation.current.readiness },
    to: { score: evaluation.values.score, readiness: evaluation.values.readiness },
    snapshot,
  };
}

/** Who saved the project's scoring and readiness revisions now in force (what a configuration cause names). */
export function saversOf(configuration: ProjectConfiguration): SaverDraft[] {
  const savers: SaverDraft[] = [];
  for (const document of ['scoring', 'readiness'] as const) {
    const loaded = configuration.documents[document];
    if (loaded.status === 'stored') savers.push({ projectId: configuration.projectId, document, revision: loaded.revision, saver: { by: loaded.savedBy, at: loaded.savedAt } });
  }
  return savers;
}

/** Storage time per change recorded, until a flush has measured it (a few reads and a share of a transaction). */
const PRIOR_MS_PER_CHANGE = 2;

/** Changes waiting for their Jira writes, recorded together (`flush`) once those are done. */
export class HistoryBatch {
  private readonly changes: { readonly tag: number; readonly change: ChangeDraft }[] = [];
  private readonly savers = new Map<string, SaverDraft>();
  private msPerChange = PRIOR_MS_PER_CHANGE;

  constructor(
    private readonly store: ScoreHistoryStore | undefined,
    private readonly clock: () => number = Date.now,
  ) {}

  /** How long recording what is pending should take (as measured by the flushes so far): for a step's time budget. */
  estimateMs(): number {
    return this.changes.length * this.msPerChange;
  }

  /** The evaluation's change, if it writes one; `tag` (a page number) lets `flush` take only what is written. */
  add(evaluation: IssueEvaluation, configuration: ProjectConfiguration, now: Date, tag = 0): void {
    if (this.store === undefined) return;
    const change = changeOf(evaluation, configuration, now);
    if (change === undefined) return;
    this.changes.push({ tag, change });
    for (const saver of saversOf(configuration)) this.savers.set(`${saver.projectId}:${saver.document}:${String(saver.revision)}`, saver);
  }

  get size(): number {
    return this.changes.length;
  }

  /** Records the changes tagged below `upTo` (all by default); never throws. */
  async flush(upTo = Number.POSITIVE_INFINITY): Promise<RecordOutcome | undefined> {
    const taken: ChangeDraft[] = [];
    for (let i = this.changes.length - 1; i >= 0; i--) {
      const pending = this.changes[i];
      if (pending !== undefined && pending.tag < upTo) {
        taken.unshift(pending.change);
        this.changes.splice(i, 1);
      }
    }
    if (this.store === undefined || taken.length === 0) return undefined;
    const started = this.clock();
    try {
      const outcome = await this.store.record(taken, [...this.savers.values()]);
      this.msPerChange = Math.max(0.1, (this.clock() - started) / taken.length);
      return outcome;
    } catch (error: unknown) {
      console.error('Throughline: recording why scores moved failed', describeForLog(error));
      return undefined;
    }
  }
}
