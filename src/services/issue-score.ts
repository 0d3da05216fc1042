/**
 * The issue sidebar's score: reads the issue (and the site's field names) from Jira through the
 * given `requestJira` (the resolver passes the user's, so nobody sees an issue they cannot
 * browse), scores it with the scoring engine, and shapes the view model the sidebar shows.
 *
 * Stored configurations come with the settings page; until then every project uses the
 * engine's default configuration.
 */
import type { IssueScoreView, ScoreBreakdownRow, ScoreInputProblem } from '../contract';
import { compileScoring, defaultScoringConfig } from '../domain/scoring';
import type { BreakdownLine, CompiledScoring, InputProblem, JsonValue } from '../domain/scoring';
import { createJiraClient, fetchFields, getIssue, isJiraError } from '../jira';
import type { RequestJira } from '../jira';

let defaultScoring: CompiledScoring | undefined;

/** Compiled once per warm instance: the default configuration holds no tenant data. */
function scoringInUse(): CompiledScoring {
  defaultScoring ??= compileScoring(defaultScoringConfig());
  return defaultScoring;
}

/** Today's date where the user is (days remaining count from the user's today), else in UTC. */
export function todayIn(timeZone: string | undefined, now: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: timeZone ?? 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** A raw Jira value as a person reads it: an option's or priority's name, a list joined. */
export function rawTextOf(raw: JsonValue): string | null {
  if (raw === null) return null;
  if (typeof raw === 'string') return raw === '' ? null : raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  if (Array.isArray(raw)) {
    const items = (raw as readonly JsonValue[]).map(rawTextOf).filter((text): text is string => text !== null);
    return items.length === 0 ? null : items.join(', ');
  }
  const object = raw as { readonly [key: string]: JsonValue };
  for (const key of ['name', 'value', 'displayName', 'key']) {
    const named = object[key];
    if (typeof named === 'string' && named !== '') return named;
  }
  // Votes, watches: `{votes: 3, hasVoted: false}`.
  for (const key of ['votes', 'watchCount']) {
    const counted = object[key];
    if (typeof counted === 'number') return String(counted);
  }
  return JSON.stringify(raw).slice(0, 200);
}

function problemsOf(problems: readonly InputProblem[]): ScoreInputProblem[] {
  return problems.map(({ input, label, reason }) => ({ input, label, reason }));
}

function rowOf(line: BreakdownLine, fieldNames: ReadonlyMap<string, string>): ScoreBreakdownRow {
  return {
    input: line.input,
    label: line.label,
    field: line.fieldId === null ? null : { id: line.fieldId, name: fieldNames.get(line.fieldId) ?? line.fieldId },
    rawText: rawTextOf(line.raw),
    used: line.used,
    weight: line.weight,
    contribution: line.contribution,
    status: line.status,
    role: line.role,
    note: line.note,
  };
}

/** The field names of the site, or none when the list cannot be read (the ids are shown instead). */
async function fieldNamesOf(jira: ReturnType<typeof createJiraClient>): Promise<ReadonlyMap<string, string>> {
  try {
    return new Map((await fetchFields(jira)).map((field) => [field.id, field.name]));
  } catch (error: unknown) {
    if (isJiraError(error)) return new Map();
    throw error;
  }
}

export interface ScoreIssueOptions {
  /** The user's time zone, for days remaining. */
  readonly timeZone?: string;
  readonly now?: Date;
}

/**
 * Scores one issue as whoever `requestJira` acts for. A missing or hidden issue throws the Jira
 * client's 'not-found' error, which the resolver turns into words.
 */
export async function scoreIssue(requestJira: RequestJira, issueIdOrKey: string, options: ScoreIssueOptions = {}): Promise<IssueScoreView> {
  const scoring = scoringInUse();
  const jira = createJiraClient(requestJira);
  const [issue, fieldNames] = await Promise.all([
    getIssue(jira, issueIdOrKey, { fields: ['summary', ...scoring.fieldIds] }),
    fieldNamesOf(jira),
  ]);
  const result = scoring.score(issue.fields, { today: todayIn(options.timeZone, options.now) });
  const summary = issue.fields.summary;
  return {
    issue: { id: issue.id, key: issue.key, summary: typeof summary === 'string' ? summary : null },
    model: { name: scoring.modelName, formula: scoring.description },
    outcome: result.status === 'scored' ? 'scored' : result.status,
    score: result.status === 'scored' ? result.score : null,
    missing: result.status === 'scored' ? [] : problemsOf(result.missing),
    invalid: result.status === 'invalid' ? problemsOf(result.invalid) : [],
    breakdown: result.breakdown.map((line) => rowOf(line, fieldNames)),
    configuration: 'default',
  };
}
