/**
 * The one contract between the Custom UI apps (static/) and the resolvers (src/resolvers):
 * every resolver key, its payload and its result. The backend implements it with
 * `makeResolver<ResolverDefs>`, the frontend calls it with `makeInvoke<ResolverDefs>()`, so a
 * renamed key or a changed payload fails the type check on both sides.
 *
 * Results pass through JSON: no Dates, no undefined that matters, no class instances.
 *
 * Over 400 lines because it is the one contract by design: every resolver key, payload and view in one file, so the backend and the three apps type-check against the same definitions.
 */
import type { ReadinessConfig, ReadinessConfigInput } from './domain/readiness';
import type { FormulaCheck, InputRole, InputStatus, ScoringConfig, ScoringConfigInput } from './domain/scoring';

// The settings documents are the domain's own types: what the page edits and sends is what the
// domain's schemas read (their input types), and what it is shown is what they give (their output).
export type { ReadinessConfig, ReadinessConfigInput, ScoringConfig, ScoringConfigInput };

export type ErrorCode = 'bad-request' | 'not-found' | 'forbidden' | 'stale' | 'rate-limited' | 'jira-error' | 'internal';

/** Every resolver answers with this envelope; the UI shows `error.message` as it is. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: { readonly code: ErrorCode; readonly message: string } };

export interface CheckFormulaPayload {
  readonly formula: string;
  readonly inputNames: readonly string[];
}

/** An input of the score that is missing or unusable, by name, with why. */
export interface ScoreInputProblem {
  readonly input: string;
  readonly label: string;
  readonly reason: string;
  /** The input has no Jira field yet (a project nobody configured): a project admin sets it up. */
  readonly notSetUp?: true;
}

/** One row of the sidebar's breakdown: where an input came from and what it did to the score. */
export interface ScoreBreakdownRow {
  readonly input: string;
  readonly label: string;
  /** The Jira field read, with its name on this site; null for the theme's strategic weight. */
  readonly field: { readonly id: string; readonly name: string } | null;
  /** Jira's value as a person reads it ("High", "2026-01-22", "8"); null when the field is empty. */
  readonly rawText: string | null;
  /** The number the model used; null when the input is missing or invalid. */
  readonly used: number | null;
  readonly weight: number | null;
  /** The input's share of the score where the model is a sum; null otherwise. */
  readonly contribution: number | null;
  readonly status: InputStatus;
  readonly role: InputRole;
  readonly note: string | null;
}

/** One option of a select field, by the id Jira keeps when the option is renamed. */
export interface InputOption {
  readonly id: string;
  readonly value: string;
}

/**
 * How an input is set in place: a number, a date, one of named choices, options of a multi-select;
 * or counted by Jira (votes, watchers, linked issues), with where in Jira the user changes it; or
 * not here, with why.
 */
export type InputEditor =
  | { readonly kind: 'number'; readonly fieldId: string }
  | { readonly kind: 'date'; readonly fieldId: string }
  | { readonly kind: 'choice'; readonly fieldId: string; readonly choices: readonly string[] }
  /** `options`: what Jira's edit screen offers this user on this issue; `selected`: what the issue holds now (an option deleted since is no longer among `options`). */
  | { readonly kind: 'options'; readonly fieldId: string; readonly options: readonly InputOption[]; readonly selected: readonly InputOption[] }
  | { readonly kind: 'in-jira'; readonly how: string }
  | { readonly kind: 'none'; readonly reason: string };

/** What the issue sidebar shows: the score (or why there is none) and how it was computed. */
export interface IssueScoreView {
  readonly issue: { readonly id: string; readonly key: string; readonly summary: string | null };
  readonly model: { readonly name: string; readonly formula: string };
  readonly outcome: 'scored' | 'incomplete' | 'invalid';
  /** Present only when `outcome` is 'scored': never a silent 0. */
  readonly score: number | null;
  readonly missing: readonly ScoreInputProblem[];
  readonly invalid: readonly ScoreInputProblem[];
  readonly breakdown: readonly ScoreBreakdownRow[];
  /** The project as Jira gave it with the issue (not as the browser said). */
  readonly project: { readonly id: string; readonly key: string };
  /** 'default' until a project admin saves a scoring configuration in the settings. */
  readonly configuration: 'default' | 'stored';
  /** Stored settings that could not be read (and were replaced by defaults), in words; null when none. */
  readonly configurationNotice: string | null;
}

/** Where the issue stands in the project's open backlog, by the app's "Priority score" field. */
export type IssueRankView =
  /** `tied`: how many open issues share this score, the issue included (ties share the best rank). */
  | { readonly status: 'ranked'; readonly rank: number; readonly total: number; readonly topPercent: number; readonly tied: number; readonly score: number }
  /** No rank to give yet, in words (no score values in Jira yet, or none for this issue). */
  | { readonly status: 'unavailable'; readonly message: string };

export interface ReadinessRuleView {
  readonly ruleId: string;
  readonly severity: 'blocking' | 'warning';
  readonly message: string;
  readonly fix: string;
}

export interface IssueReadinessView {
  readonly verdict: 'ready' | 'not-ready' | 'not-applicable';
  /** Why the rules do not cover this issue (for 'not-applicable'). */
  readonly reason: string | null;
  readonly failures: readonly ReadinessRuleView[];
  readonly warnings: readonly ReadinessRuleView[];
  readonly notChecked: readonly { readonly ruleId: string; readonly reason: string }[];
}

/** Vision › Theme › Epic › this issue. */
export interface IssueTraceView {
  readonly project: { readonly id: string; readonly key: string };
  readonly vision: string | null;
  readonly theme:
    | { readonly kind: 'theme'; readonly id: string; readonly name: string; readonly archived: boolean }
    | { readonly kind: 'none' }
    | { readonly kind: 'unknown'; readonly id: string };
  /** The parent epic; `exists: false` when the issue points at an epic that is gone or hidden. */
  readonly epic: { readonly key: string; readonly summary: string | null; readonly exists: boolean } | null;
  readonly issue: { readonly key: string; readonly summary: string | null; readonly isEpic: boolean };
}

/** The second answer of the sidebar: readiness, the trace, and what the user may do here. */
export interface IssueDetailsView {
  readonly readiness: IssueReadinessView;
  readonly trace: IssueTraceView;
  readonly permissions: { readonly canEdit: boolean; readonly isAdmin: boolean };
  /** Each score input's Jira field (name on this site) and how it may be set in place. */
  readonly inputs: readonly { readonly input: string; readonly field: { readonly id: string; readonly name: string } | null; readonly editor: InputEditor }[];
}

export interface SetIssueInputPayload {
  /** The input's key in the scoring configuration ("jobSize"). */
  readonly input: string;
  /** A number, an ISO date, a choice's name, a multi-select's option ids (all it should hold; [] clears it); null clears the field. */
  readonly value: string | number | null | readonly string[];
}

// ---- The project page (jira:projectPage): vision map, ranked backlog, sprint readiness ----

/** The project in view (`context.extension.project`, verified as the user). */
export interface ProjectPageProject {
  readonly id: string;
  readonly key: string;
}

export interface ProjectThemeView {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly horizon: string;
  readonly targetPercent: number;
  readonly strategicWeight: number;
  /** A palette name (blue, teal…) or #rrggbb. */
  readonly colour: string;
  readonly archived: boolean;
}

export interface ProjectStrategyView {
  readonly revision: number;
  readonly vision: { readonly statement: string; readonly targetCustomers: string; readonly goals: readonly { readonly name: string; readonly metric: string; readonly target: string }[] };
  readonly themes: readonly ProjectThemeView[];
}

/** Where an epic stands with the strategy: 'none' is Unaligned. */
export type EpicThemeState = 'theme' | 'archived-theme' | 'unknown-theme' | 'none';

export interface ProjectEpicView {
  readonly id: string;
  readonly key: string;
  readonly summary: string;
  readonly status: string;
  readonly statusCategory: 'new' | 'indeterminate' | 'done' | 'unknown';
  readonly themeId: string | null;
  readonly themeState: EpicThemeState;
  readonly count: { readonly done: number; readonly total: number };
  readonly points: { readonly done: number; readonly total: number; readonly unestimated: number };
  /** The epic's own score; null when incomplete or invalid. */
  readonly score: number | null;
  /** Stories checked by the readiness rules, and how many of them are ready. */
  readonly readiness: { readonly ready: number; readonly checked: number };
  /**
   * From the app's rollup (vision map read from rollups only): when this epic's counts were last
   * known to match Jira (its last change, or the last recount that found it right); null when the
   * epic has no story counted yet. Absent when the counts were made live.
   */
  readonly countedAt?: string | null;
  /** From the rollup: not-ready stories, rules that fail most (rule id, stories), incomplete scores, top score. */
  readonly rollup?: EpicRollupView;
}

export interface EpicRollupView {
  readonly notReady: number;
  readonly failingRules: readonly { readonly ruleId: string; readonly stories: number }[];
  readonly incompleteScores: number;
  readonly topScore: number | null;
}

/**
 * How the vision map's counts were made. `rollups`: from the counts the app keeps current (no
 * story read when the page opens); `live`: read now as the viewer, in chunks (the project uses
 * issue security, so counts kept by the app could include issues the viewer may not see; or the
 * project has not been counted yet).
 */
export type CountingView =
  | {
      readonly mode: 'rollups';
      /** When the last full recount (reconcile) of the project finished; null before the first. */
      readonly reconciledAt: string | null;
      /** The oldest `countedAt` among the epics shown. */
      readonly oldestAt: string | null;
      /** A recount in progress (or the last one, failed), for the page to say so. */
      readonly recount: { readonly status: 'running' | 'failed'; readonly done: number; readonly total: number | null; readonly message: string | null } | null;
    }
  | { readonly mode: 'live'; readonly reason: 'issue-security' | 'not-counted-yet' | 'too-large'; readonly message: string };

export interface AllocationRowView {
  /** Null for Unaligned. */
  readonly themeId: string | null;
  readonly name: string;
  readonly colour: string;
  readonly targetPercent: number;
  readonly open: { readonly points: number; readonly percent: number };
  readonly done: { readonly points: number; readonly percent: number };
  readonly stories: number;
}

export interface VisionMapView {
  readonly project: ProjectPageProject;
  /** Product managers and project admins may edit the vision, the themes and epics' themes. */
  readonly canEdit: boolean;
  readonly strategy: ProjectStrategyView;
  readonly epics: readonly ProjectEpicView[];
  readonly allocation: readonly AllocationRowView[];
  readonly totals: { readonly openPoints: number; readonly donePoints: number; readonly stories: number };
  /** Things the page should say (configuration damaged, results cut short). */
  readonly notes: readonly string[];
  readonly reads: { readonly issues: number; readonly searchCalls: number };
  /** False for the outline (themes and epics, read first): progress, readiness and allocation follow. */
  readonly complete: boolean;
  /** How the counts were made (absent on views built before rollups existed, e.g. one-shot test views). */
  readonly counting?: CountingView;
}

/** One epic's stories counted in one chunk of the vision map (summed over the chunks by the page). */
export interface EpicTallyView {
  readonly key: string;
  readonly count: { readonly done: number; readonly total: number };
  readonly points: { readonly done: number; readonly total: number; readonly unestimated: number };
  readonly readiness: { readonly ready: number; readonly checked: number };
}

/** Story estimate of one theme (null: Unaligned) in one chunk, unrounded. */
export interface ThemeTallyView {
  readonly themeId: string | null;
  readonly open: number;
  readonly done: number;
  readonly stories: number;
}

/** Asks for a chunk of a view the page loads in slices (the vision map, the ranked backlog). */
export interface ChunkPayload {
  /** The `next` of the previous chunk; absent for the first. */
  readonly after?: string;
}

/** What every chunk says of itself, whichever view it belongs to: the page's chunked loading reads these. */
export interface ChunkPageView {
  readonly notes: readonly string[];
  readonly reads: { readonly issues: number; readonly searchCalls: number };
  /** The cursor of the next chunk (the last key read), null when this was the last. */
  readonly next: string | null;
  /**
   * Jira's approximate count of the issues the chunks read (the project's issues for the vision
   * map, its open issues for the backlog), in the first chunk only: the progress indicator's scale.
   */
  readonly estimatedIssues: number | null;
}

export type VisionMapChunkPayload = ChunkPayload;

/** One slice of the project's issues in key order (≤ 30 searches): the page merges the chunks with the outline. */
export interface VisionMapChunkView extends ChunkPageView {
  /** Epics read in this chunk, with no counts (the tallies carry them). */
  readonly epics: readonly ProjectEpicView[];
  readonly tallies: readonly EpicTallyView[];
  readonly allocation: readonly ThemeTallyView[];
}

export interface BacklogRowView {
  readonly key: string;
  /** Pinned in the backlog orderings by a product owner: who, when, why ("Order the backlog by score"). */
  readonly pinned?: { readonly by: string; readonly at: string; readonly reason: string };
  readonly summary: string;
  readonly issueType: string;
  readonly status: string;
  readonly statusCategory: 'new' | 'indeterminate' | 'done' | 'unknown';
  /** 1-based among scored issues; null when the score is incomplete or invalid. */
  readonly rank: number | null;
  readonly score: number | null;
  readonly outcome: 'scored' | 'incomplete' | 'invalid';
  /** The input that weighs most in the score ("Business value"), when the model says. */
  readonly driver: string | null;
  /** What is missing or invalid, by name (incomplete scores). */
  readonly missing: readonly string[];
  readonly theme: { readonly id: string; readonly name: string } | null;
  readonly epic: { readonly key: string; readonly summary: string } | null;
  readonly readiness: 'ready' | 'not-ready' | 'not-applicable';
  /** The failing blocking rules then warnings, in words. */
  readonly failing: readonly { readonly ruleId: string; readonly severity: 'blocking' | 'warning'; readonly message: string }[];
  readonly points: number | null;
}

export interface RankedBacklogView {
  readonly project: ProjectPageProject;
  readonly model: string;
  /** Scored open issues, best first. */
  readonly ranked: readonly BacklogRowView[];
  /** Open issues whose score is incomplete or invalid, with what they miss. */
  readonly incomplete: readonly BacklogRowView[];
  /** How many there are in all (the lists above stop at 1,500 and 500: Forge answers at most 5 MB). */
  readonly totals: { readonly ranked: number; readonly incomplete: number };
  readonly notes: readonly string[];
  readonly reads: { readonly issues: number; readonly searchCalls: number };
}

/** The ranked backlog's filters; each becomes JQL on the server (checked first: a theme of the strategy, an epic key). */
export interface BacklogFiltersPayload {
  /** A status category: "new" (To Do) or "indeterminate" (In Progress). */
  readonly statusCategory?: 'new' | 'indeterminate';
  /** A status by name. */
  readonly status?: string;
  /** Stories of this epic, by key. */
  readonly epic?: string;
  /** Stories serving this theme (its id), or null for those serving none. */
  readonly theme?: string | null;
  readonly readiness?: 'ready' | 'not-ready' | 'not-applicable';
}

export interface RankedBacklogPagePayload {
  /** Scored issues best first, or those whose score is incomplete (in key order). */
  readonly list: 'ranked' | 'incomplete';
  /** The `next` of the previous page of the same list and filters; absent for the first page. */
  readonly cursor?: string;
  readonly filters?: BacklogFiltersPayload;
}

/** One page (≤ 100 rows, one Jira search in score order) of the ranked backlog or of its incomplete list. */
export interface RankedBacklogPageView {
  readonly project: ProjectPageProject;
  readonly model: string;
  readonly list: 'ranked' | 'incomplete';
  /** Rows in Jira's order; ranked rows carry rank = their position in the whole list. */
  readonly rows: readonly BacklogRowView[];
  /** The cursor of the next page; null after the last. */
  readonly next: string | null;
  /** False when the site has no "Priority score" field yet: nothing can be ranked (a note says so). */
  readonly scoreField: boolean;
  /** The strategy's themes, for the theme filter. */
  readonly themes: readonly { readonly id: string; readonly name: string }[];
  readonly notes: readonly string[];
  readonly reads: { readonly issues: number; readonly searchCalls: number };
}

export interface SprintReadinessPayload {
  /** Without a future sprint: how many of the ranked backlog's top issues to check (1–200). */
  readonly top?: number;
}

export interface SprintReadinessView {
  readonly project: ProjectPageProject;
  readonly source:
    | { readonly kind: 'sprint'; readonly sprint: { readonly id: number; readonly name: string; readonly goal: string | null }; readonly board: string }
    | { readonly kind: 'backlog'; readonly top: number; readonly reason: string };
  readonly rows: readonly BacklogRowView[];
  readonly ready: { readonly issues: number; readonly points: number };
  readonly notReady: { readonly issues: number; readonly points: number };
  /** Average completed points of the last closed sprints (up to three); null without any. */
  readonly velocity: { readonly average: number; readonly sprints: readonly string[] } | null;
  readonly verdict: string;
  readonly failingRules: readonly { readonly ruleId: string; readonly severity: 'blocking' | 'warning'; readonly issues: number }[];
  readonly notes: readonly string[];
  readonly reads: { readonly issues: number; readonly searchCalls: number };
}

export interface StrategyEditPayload {
  /** The strategy revision the change started from. */
  readonly baseRevision: number;
  /** A strategy edit: set-vision, add-theme, update-theme, move-theme (checked on the server). */
  readonly edit: unknown;
}

export interface EpicThemePayload {
  readonly epicKey: string;
  /** Null detaches the epic (Unaligned). */
  readonly themeId: string | null;
}

// ---- The project settings page (jira:projectSettingsPage): project admins only ----

/** Where a settings document stands: never saved (the defaults), saved, or stored but unreadable. */
export type SettingsDocumentState = 'default' | 'stored' | 'unreadable';

export interface SettingsDocumentView<T> {
  /** The document (the defaults when never saved); null when the stored one cannot be read. */
  readonly value: T | null;
  /** The revision to send back with a save; 0 for the defaults. */
  readonly revision: number;
  readonly state: SettingsDocumentState;
  readonly savedAt: string | null;
  /** Account id of whoever saved it. */
  readonly savedBy: string | null;
  /** Why the stored document cannot be read (newer app version, damaged); null otherwise. */
  readonly message: string | null;
}

/** A setting that reads a field the site no longer has. */
export interface BrokenFieldView {
  /** Where in the configuration: `scoring.model.inputs.jobSize.fieldId`. */
  readonly path: string;
  readonly fieldId: string;
  readonly message: string;
}

/** A problem with a document sent to be saved or previewed: the setting's path and why. */
export interface SettingProblem {
  readonly path: string;
  readonly message: string;
}

export interface RecomputeProgressView {
  readonly runId: string;
  readonly status: 'running' | 'done' | 'failed';
  readonly reason: string;
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
  /** Issues in the project (Jira's approximate count); null until known. */
  readonly total: number | null;
  readonly done: number;
  readonly changed: number;
  readonly errors: number;
  readonly recentErrors: readonly { readonly at: string; readonly message: string }[];
  /** Why a failed run stopped; null otherwise. */
  readonly message: string | null;
}

export interface SettingsView {
  readonly project: { readonly id: string; readonly key: string };
  /** The scoring configuration as stored (defaults filled in): model, input mapping, weights. */
  readonly scoring: SettingsDocumentView<ScoringConfig>;
  /** The model in words, for the page's heading: "WSJF", "(Business value + …) ÷ Job size". */
  readonly model: { readonly name: string; readonly formula: string } | null;
  /** The readiness configuration as stored (defaults filled in): issue types, fields, each rule's switch, severity and parameters. */
  readonly readiness: SettingsDocumentView<ReadinessConfig>;
  readonly productManagers: SettingsDocumentView<readonly string[]>;
  /** The strategy is edited on the project page; here only what export and import need to say. */
  readonly strategy: { readonly revision: number; readonly themes: number; readonly state: SettingsDocumentState };
  /** The ids of the app's fields on this site; null when Jira does not list one. */
  readonly appFields: { readonly score: string | null; readonly readiness: string | null };
  readonly brokenFields: readonly BrokenFieldView[];
  /** Other things the page should say, in words. */
  readonly notices: readonly string[];
  /** Set when a document was saved by a newer app version: nothing may be changed until the app is updated. */
  readonly blocked: string | null;
  readonly recompute: RecomputeProgressView | null;
}

/** `T` is the domain's input type of the document (ScoringConfigInput, ReadinessConfigInput). */
export interface SaveDocumentPayload<T> {
  /** The document as the page edited it; validated in full on the server by the domain's schema. */
  readonly config: T;
  /** The revision the page loaded (`SettingsDocumentView.revision`). */
  readonly baseRevision: number;
}

export interface SaveProductManagersPayload {
  readonly accountIds: readonly string[];
  readonly baseRevision: number;
}

/**
 * Where an account id stands in Jira: active; deactivated (cannot sign in any more); removed (Jira no
 * longer knows the id); unknown (Jira could not be asked just now, so nothing is said either way).
 */
export type PersonStatus = 'active' | 'deactivated' | 'removed' | 'unknown';

/** A person as the app shows one instead of an account id. */
export interface PersonView {
  readonly accountId: string;
  /** Jira's display name; null for a removed account, or when Jira could not be asked. */
  readonly displayName: string | null;
  /** An https address of the person's avatar (48×48); null when there is none to show. */
  readonly avatarUrl: string | null;
  readonly status: PersonStatus;
}

export interface PeopleSearchPayload {
  /** Part of a name or an email address, as the admin types it (1 to 100 characters). */
  readonly query: string;
}

export interface PeopleSearchView {
  /** The query as it was searched (trimmed), so the page can tell an old answer from the current one. */
  readonly query: string;
  readonly people: readonly PersonView[];
}

/** The people behind the account ids the settings page shows, read from storage (never from the page). */
export interface SettingsPeopleView {
  /** The saved product managers, in their saved order. */
  readonly productManagers: readonly PersonView[];
  /** Who last saved the product managers; null while they were never saved. */
  readonly savedBy: PersonView | null;
  /** Why names are missing (Jira refused or was busy), in words; null when every id was looked up. */
  readonly message: string | null;
}

export type SaveResultView =
  | { readonly status: 'saved'; readonly revision: number; readonly savedAt: string; /** The recompute it queued; null when values do not change (product managers). */ readonly recompute: RecomputeProgressView | null }
  /** Nothing was saved: every problem, each with its setting's path. */
  | { readonly status: 'invalid'; readonly errors: readonly SettingProblem[] };

export interface PreviewPayload<T> {
  /** The candidate document (ScoringConfigInput, ReadinessConfigInput) as the page has it now. */
  readonly config: T;
}

export interface ScoreOutcomeView {
  readonly outcome: 'scored' | 'incomplete' | 'invalid';
  readonly score: number | null;
  readonly missing: readonly ScoreInputProblem[];
  readonly invalid: readonly ScoreInputProblem[];
  /** The sidebar's breakdown rows without the role: the preview shows no role column. */
  readonly breakdown: readonly Omit<ScoreBreakdownRow, 'role'>[];
}

export interface ScorePreviewRowView {
  readonly issue: { readonly id: string; readonly key: string; readonly summary: string | null };
  readonly before: ScoreOutcomeView;
  readonly after: ScoreOutcomeView;
}

export type ScorePreviewView =
  | {
      readonly status: 'ok';
      readonly before: { readonly name: string; readonly formula: string };
      readonly after: { readonly name: string; readonly formula: string };
      /** Ten real issues of the project (the most recently updated), scored both ways. */
      readonly issues: readonly ScorePreviewRowView[];
    }
  | { readonly status: 'invalid'; readonly errors: readonly SettingProblem[] };

export interface ReadinessRulePreview {
  readonly ruleId: string;
  readonly enabled: boolean;
  readonly severity: 'blocking' | 'warning';
  /** Open stories this rule would flag with the candidate rules. */
  readonly flagged: number;
  /** …and with the rules saved now. */
  readonly flaggedNow: number;
}

export type ReadinessPreviewView =
  | {
      readonly status: 'ok';
      /** Open issues of the checked types that were looked at. */
      readonly checked: number;
      /** True when the project has more open issues than the preview reads (the counts are of the first ones). */
      readonly capped: boolean;
      readonly ready: { readonly now: number; readonly after: number };
      readonly rules: readonly ReadinessRulePreview[];
    }
  | { readonly status: 'invalid'; readonly errors: readonly SettingProblem[] };

export interface ExportView {
  readonly fileName: string;
  /** The configuration file: `{format: "throughline-configuration", schemaVersion, project, scoring, readiness, strategy, productManagers}`. */
  readonly file: Readonly<Record<string, unknown>>;
}

export interface ImportPayload {
  /** The file's text as the admin chose it. */
  readonly file: string;
  /** The admin confirmed importing a file exported from another project. */
  readonly allowOtherProject?: boolean;
}

export type ImportResultView =
  | {
      readonly status: 'imported';
      readonly revisions: { readonly scoring: number; readonly readiness: number; readonly strategy: number; readonly productManagers: number };
      readonly sourceProject: { readonly id: string; readonly key: string | null };
      /** Sections written by an older version, upgraded on the way in. */
      readonly migrated: readonly string[];
      readonly recompute: RecomputeProgressView;
    }
  /** Nothing was imported: why, with the path in the file of the first problem. */
  | { readonly status: 'refused'; readonly code: 'invalid' | 'newer' | 'other-project'; readonly path: string; readonly message: string };

export interface FieldDiscoveryView {
  readonly fields: readonly { readonly id: string; readonly name: string; readonly kind: string; readonly custom: boolean }[];
  /** model → input → candidate field ids, best first. */
  readonly suggestions: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  /** Select field id → its options in this project, for the option → number tables. */
  readonly selectOptions: Readonly<Record<string, readonly { readonly id: string; readonly value: string }[]>>;
  readonly storyPoints: { readonly id: string; readonly name: string } | null;
  readonly epicLinkFieldId: string | null;
  readonly notes: readonly string[];
}

// ---- Ordering a board's backlog by score (product owners: Schedule issues in the project in view) ----

/** A board the backlog order can be applied to, as Jira lists it for the project in view. */
export interface BacklogBoardView {
  readonly id: number;
  readonly name: string;
  /** "scrum", "kanban" or "simple" (team-managed), as Jira says. */
  readonly type: string;
  /** The project the board lives in (its filter may span others, or it may live in another project whose filter spans this one); null when Jira does not say. */
  readonly projectKey: string | null;
}

/** The boards of the project in view that the user can see, and whether the user may rank its issues. */
export interface BacklogBoardsView {
  readonly boards: readonly BacklogBoardView[];
  /** Schedule issues in the project in view; when not, why (in words). */
  readonly canRank: boolean;
  readonly refusal: string | null;
}

export interface BacklogOrderPayload {
  /** A board of the project in view; without one, the project's first board. */
  readonly boardId?: number;
  /** Only the top N issues of the backlog (1–5,000); without it, the whole backlog up to 5,000. */
  readonly top?: number;
}

export interface ApplyBacklogOrderPayload {
  readonly boardId: number;
  readonly top?: number;
  /** The preview's `basedOn`: refused as 'stale' when the backlog or the scores changed since. */
  readonly basedOn: string;
}

export interface UndoBacklogOrderPayload {
  readonly boardId: number;
}

export interface PinIssuePayload {
  readonly issueKey: string;
  /** Why this issue keeps its place (a commitment, a dependency): 1–300 characters. */
  readonly reason: string;
}

export interface UnpinIssuePayload {
  readonly issueKey: string;
}

export interface BacklogPinView {
  readonly key: string;
  /** The account id of who pinned it. */
  readonly by: string;
  /** Their name ("a user who no longer exists" for a removed account); null when Jira could not say: show `by`. */
  readonly byName: string | null;
  readonly at: string;
  readonly reason: string;
}

/** An issue that would move: places from 1 in the ordered part of the backlog. */
export interface BacklogMoveView {
  readonly key: string;
  readonly summary: string;
  readonly score: number | null;
  readonly from: number;
  readonly to: number;
}

/** An issue kept in its place: its score is incomplete, or it is pinned. */
export interface BacklogApartView {
  readonly key: string;
  readonly summary: string;
  readonly place: number;
  readonly pin: BacklogPinView | null;
}

export interface BacklogOrderPreview {
  readonly board: { readonly id: number; readonly name: string };
  readonly boards: readonly BacklogBoardView[];
  /** The issues considered (the top N, or the whole backlog), and how many the backlog has. */
  readonly issues: number;
  readonly backlogTotal: number;
  readonly moves: readonly BacklogMoveView[];
  /** Rank calls the plan sends, and the bound ⌈moved / 50⌉ + runs. */
  readonly rankCalls: number;
  readonly callBound: number;
  readonly runs: number;
  readonly incomplete: readonly BacklogApartView[];
  readonly pinned: readonly BacklogApartView[];
  /**
   * A board whose filter spans other projects: only the project in view's issues are ordered,
   * relative to each other; the other projects' issues (how many of those considered) keep their places.
   */
  readonly otherProjects: { readonly keys: readonly string[]; readonly issues: number } | null;
  /** Every pin of the project in view. */
  readonly pins: readonly BacklogPinView[];
  /** Whether the user may rank on this board; when not, why (in words). */
  readonly canApply: boolean;
  readonly refusal: string | null;
  readonly canUndo: boolean;
  readonly basedOn: string;
  readonly notes: readonly string[];
}

export interface BacklogIssueFailure {
  readonly key: string;
  readonly reason: string;
}

export interface BacklogOrderResult {
  readonly board: { readonly id: number; readonly name: string };
  /** Issues ranked as planned, and those Jira refused (the rest still applied). */
  readonly moved: number;
  readonly failed: readonly BacklogIssueFailure[];
  readonly rankCalls: number;
  readonly callBound: number;
  readonly canUndo: boolean;
  readonly notes: readonly string[];
}

export interface UndoBacklogOrderResult {
  readonly board: { readonly id: number; readonly name: string };
  /** True when nothing else moved meanwhile and the order before is back exactly. */
  readonly exact: boolean;
  readonly restored: number;
  /** Issues someone else moved since (left where they are) and issues no longer in the backlog. */
  readonly movedByOthers: readonly string[];
  readonly gone: readonly string[];
  readonly failed: readonly BacklogIssueFailure[];
  readonly rankCalls: number;
  readonly notes: readonly string[];
}

// A type alias, not an interface: @forge/resolver's `Definitions` is a Record, which interfaces do not satisfy.
// ---- Why a priority moved: the sidebar's "How it moved", the ranked backlog's "Moved most since" ----

/** One cause of a change in words; `kind` says which (input, configuration, theme-weight, time, rules, moved, first…). */
export interface HistoryCauseView {
  readonly kind: string;
  readonly text: string;
}

/** What an issue carried: its score (null: none) and its readiness as the Readiness field says it. */
export interface ScoreStateView {
  readonly score: number | null;
  readonly readiness: string | null;
}

export interface HistoryEntryView {
  /** When the app wrote the change (ISO time). */
  readonly at: string;
  readonly from: ScoreStateView;
  /** The value before came from a project the user may not browse (the issue moved since): left out. */
  readonly fromHidden: boolean;
  readonly to: ScoreStateView;
  readonly causes: readonly HistoryCauseView[];
}

/** The issue in view's last changes, newest first, as far as the user may see them. */
export interface IssueHistoryView {
  readonly issue: { readonly id: string; readonly key: string };
  readonly entries: readonly HistoryEntryView[];
  /** Earlier changes made while the issue was in a project the user may not browse: only counted. */
  readonly hidden: number;
  /** How many changes are kept per issue. */
  readonly kept: number;
}

export interface MovedMostPayload {
  /** The first day of the period (YYYY-MM-DD), in the user's time zone. */
  readonly since: string;
  readonly limit?: number;
}

export interface MovedIssueView {
  readonly key: string;
  readonly summary: string | null;
  /** Before its first change since the date, and after its last. */
  readonly from: ScoreStateView;
  readonly to: ScoreStateView;
  /** How far the score moved, net (an absent score counts as 0). */
  readonly moved: number;
  readonly changes: number;
  readonly lastAt: string;
  /** The causes of its latest change, in words. */
  readonly causes: readonly HistoryCauseView[];
}

export interface MovedMostView {
  /** The start of the period (ISO time). */
  readonly since: string;
  readonly issues: readonly MovedIssueView[];
  /** When the project's index is full: its oldest change (earlier changes are no longer kept). */
  readonly keptSince: string | null;
  /** How many changes are kept per project. */
  readonly kept: number;
}

// ---- Dashboard gadgets (jira:dashboardGadget) ----

/**
 * What a gadget's edit view submits (`view.submit`) and Jira keeps as the gadget's configuration,
 * read back from `context.extension.gadgetConfiguration`. Anyone who may edit the dashboard can
 * write it: the resolvers check its shape and the viewer's access every time.
 */
export interface GadgetConfiguration {
  /** Vision alignment and Top of the backlog: the project shown. */
  readonly projectId?: string;
  /** Sprint readiness: the board whose next sprint is shown (its project gives the rules). */
  readonly boardId?: string;
  /** Minutes between automatic refreshes (Jira's `refresh` field); 0: only when asked. */
  readonly refresh: number;
  /** Top of the backlog: how many issues it lists (5, 10 or 20; 10 when absent). */
  readonly top?: number;
  /** Top of the backlog: only the stories serving this theme of the project (all when absent). */
  readonly themeId?: string;
}

/** The boards the user can see, for the Sprint readiness gadget's picker (one page, matched on name). */
export interface GadgetBoardsView {
  readonly boards: readonly { readonly id: string; readonly name: string; readonly type: string; readonly projectKey: string | null }[];
  /** More boards match than are listed: type to narrow. */
  readonly more: boolean;
}

export interface GadgetBoardsPayload {
  readonly query?: string;
}

/** The themes of a project the user may browse, for the Top of the backlog gadget's theme filter. */
export interface GadgetThemesView {
  readonly themes: readonly { readonly id: string; readonly name: string }[];
}

export interface GadgetThemesPayload {
  readonly projectId: string;
}

/** The projects the user may browse, for the edit view's picker (one page, matched on key or name). */
export interface GadgetProjectsView {
  readonly projects: readonly { readonly id: string; readonly key: string; readonly name: string }[];
  /** More projects match than are listed: type to narrow. */
  readonly more: boolean;
}

export interface GadgetProjectsPayload {
  readonly query?: string;
}

/** A configuration checked before the edit view submits it: the project's name with it (the board's project for a board). */
export interface CheckedGadgetConfiguration {
  readonly configuration: GadgetConfiguration;
  readonly project: { readonly id: string; readonly key: string; readonly name: string };
}

/** One theme's target and its actual share of the open and the done story estimate. */
export interface AlignmentThemeView {
  /** Null for Unaligned. */
  readonly themeId: string | null;
  readonly name: string;
  readonly colour: string;
  readonly targetPercent: number;
  readonly openPercent: number;
  readonly donePercent: number;
  readonly openPoints: number;
  readonly donePoints: number;
}

/** The Vision alignment gadget: the project page's allocation, from the app's rollups. */
export type VisionAlignmentView =
  /** No project chosen yet: the gadget asks to be configured. */
  | { readonly status: 'unconfigured' }
  /** The numbers are not counted yet (first count, or a project where they are counted live only). */
  | { readonly status: 'not-counted'; readonly project: ProjectPageProject; readonly message: string }
  | {
      readonly status: 'ready';
      readonly project: ProjectPageProject;
      /** The project's name, as the viewer sees it in Jira. */
      readonly projectName: string;
      readonly vision: string;
      readonly themes: readonly AlignmentThemeView[];
      readonly totals: { readonly openPoints: number; readonly donePoints: number };
      /** Epics that serve no theme, and the JQL that lists them. */
      readonly unaligned: { readonly epics: number; readonly jql: string };
      /** When the numbers were last brought up to date: the oldest epic's count, or the last recount. */
      readonly updatedAt: string | null;
    };

/** The Top of the backlog gadget: the project's best-scored open issues, from the ranked backlog. */
export type TopOfBacklogView =
  | { readonly status: 'unconfigured' }
  | {
      readonly status: 'ready';
      readonly project: ProjectPageProject;
      readonly projectName: string;
      /** Ranked rows, best first (rank, score, main driver, readiness). */
      readonly rows: readonly BacklogRowView[];
      /** False when the site has no "Priority score" field yet: nothing can be ranked. */
      readonly scoreField: boolean;
      readonly notes: readonly string[];
      /** The theme the list is narrowed to, or null for every theme. */
      readonly theme: { readonly id: string; readonly name: string } | null;
    };

/** A readiness rule that fails, with the JQL that finds the issues failing it (the app's indexed readiness property). */
export interface FailingRuleLinkView {
  readonly ruleId: string;
  readonly severity: 'blocking' | 'warning';
  readonly issues: number;
  readonly jql: string;
}

/** The Sprint readiness gadget: the project page's sprint readiness for the board of its configuration. */
export type SprintReadinessGadgetView =
  | { readonly status: 'unconfigured' }
  | {
      readonly status: 'ready';
      readonly projectName: string;
      readonly board: { readonly id: string; readonly name: string };
      /** The project page's sprint readiness without its rows: a gadget shows the figures, not the list (a sprint of 250 issues is 0.2 MB of rows). */
      readonly readiness: Omit<SprintReadinessView, 'rows'>;
      /** The rules that fail most, each with its search. */
      readonly failingRules: readonly FailingRuleLinkView[];
    };

// ---- The scoring grid: the inputs of many issues filled like a spreadsheet ----

/** A grid cell's value as the grid edits it: a number, a date (YYYY-MM-DD), a choice's name, or none. */
export type GridCellValue = number | string | null;

/** Which issues the grid lists: those whose score is incomplete (the default), or every open issue, with the filters. */
export interface ScoringGridFiltersPayload {
  readonly epic?: string;
  /** A theme's id, or null for issues serving none. */
  readonly theme?: string | null;
  /** A sprint's id. */
  readonly sprint?: number;
}

export interface ScoringGridPagePayload {
  readonly list?: 'incomplete' | 'all';
  readonly filters?: ScoringGridFiltersPayload;
  /** The `next` of the previous page of the same list and filters. */
  readonly cursor?: string;
}

/** One column: an input of the project's scoring model, and how its cells are edited (the sidebar's editor: a multi-select is set in the sidebar). */
export interface ScoringGridColumn {
  readonly input: string;
  readonly label: string;
  readonly field: { readonly id: string; readonly name: string } | null;
  readonly editor: InputEditor;
}

export interface ScoringGridCell {
  /** The value an edit starts from (and is sent as `base` with a write); null when empty or not editable here. */
  readonly value: GridCellValue;
  /** The value as a person reads it (an input the grid cannot edit shows this). */
  readonly text: string | null;
}

export interface ScoringGridRow {
  readonly key: string;
  readonly summary: string;
  readonly issueType: string;
  readonly status: string;
  readonly cells: Readonly<Record<string, ScoringGridCell>>;
  readonly score: number | null;
  readonly outcome: 'scored' | 'incomplete' | 'invalid';
  /** What the score lacks, each "Label: reason". */
  readonly missing: readonly string[];
  /** Where the score would stand among the project's open scored issues; null without a score. */
  readonly rank: number | null;
}

export interface ScoringGridPageView {
  readonly project: ProjectPageProject;
  readonly model: string;
  readonly list: 'incomplete' | 'all';
  readonly columns: readonly ScoringGridColumn[];
  readonly rows: readonly ScoringGridRow[];
  readonly next: string | null;
  readonly themes: readonly { readonly id: string; readonly name: string }[];
  readonly notes: readonly string[];
  readonly reads: { readonly issues: number; readonly searchCalls: number };
}

export interface ScoringGridCellPayload {
  readonly issueKey: string;
  readonly input: string;
  /** What was typed: a number as text or a number, a date, a choice's name; null or '' clears. */
  readonly value: string | number | null;
  /** The cell's value the edit started from: when Jira's differs, someone else changed it, and nothing is written. */
  readonly base: GridCellValue;
}

/**
 * A cell's write: saved (the row's new score and rank), or not written because the issue changed
 * meanwhile (the value Jira has now, in `cell`, and `message` says so in words).
 */
export interface ScoringGridCellView {
  readonly status: 'saved' | 'changed-elsewhere';
  readonly key: string;
  readonly input: string;
  readonly cell: ScoringGridCell;
  readonly score: number | null;
  readonly outcome: 'scored' | 'incomplete' | 'invalid';
  readonly missing: readonly string[];
  readonly rank: number | null;
  readonly message: string | null;
}

// ---- Team scoring rounds (async "priority poker"): src/domain/rounds, src/resolvers/scoring-rounds.ts ----

/** A value given in a round: a number, or the name of a select input's option. */
export type RoundValue = number | string;

/** An input of the model a round asks about, and what it takes. */
export type RoundInputView =
  | { readonly key: string; readonly label: string; readonly kind: 'number' }
  | { readonly key: string; readonly label: string; readonly kind: 'choice'; readonly choices: readonly { readonly name: string; readonly value: number }[] };

export interface RoundPersonView {
  readonly accountId: string;
  /** Jira's display name; null when Jira could not say (the id is then shown). */
  readonly name: string | null;
  /** How many issue and input pairs they have given a value for. */
  readonly voted: number;
}

/** One issue and input of a round, as the viewer may see it (who sees what: docs/architecture.md). */
export interface RoundCellView {
  readonly issueId: string;
  readonly input: string;
  /** The viewer's own value; null when they gave none. */
  readonly mine: RoundValue | null;
  /** How many have given a value. */
  readonly count: number;
  /** Everyone's values, once the viewer may see them; null while hidden (a participant who has not voted on it). */
  readonly values: readonly { readonly by: string; readonly value: RoundValue; readonly outlier: boolean }[] | null;
  readonly spread: { readonly count: number; readonly min: RoundValue; readonly max: RoundValue; readonly median: RoundValue } | null;
  /** The owner's, and everyone's once closed: the median, or the value the owner chose; null without votes. */
  readonly agreed: { readonly value: RoundValue; readonly how: 'median' | 'chosen'; readonly votes: number } | null;
  /** What the round wrote to Jira, and when. */
  readonly applied: { readonly value: RoundValue; readonly at: string } | null;
}

export interface RoundIssueView {
  readonly id: string;
  /** The key the round was opened with. */
  readonly key: string;
  readonly summary: string;
  /** 'here', or 'moved' to another project (the round does not apply to it), or 'gone' (deleted or hidden from you). */
  readonly where: 'here' | 'moved' | 'gone';
  /** Its key now, when it moved and you can still see it. */
  readonly keyNow: string | null;
}

export interface ScoringRoundView {
  readonly id: string;
  readonly name: string;
  readonly state: 'open' | 'closed';
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly owner: { readonly accountId: string; readonly name: string | null };
  readonly isOwner: boolean;
  readonly isParticipant: boolean;
  readonly issues: readonly RoundIssueView[];
  readonly inputs: readonly RoundInputView[];
  readonly participants: readonly RoundPersonView[];
  readonly cells: readonly RoundCellView[];
  /** Issue and input pairs the viewer still has to give a value for. */
  readonly pending: number;
}

export interface ScoringRoundSummaryView {
  readonly id: string;
  readonly name: string;
  readonly state: 'open' | 'closed';
  readonly openedAt: string;
  readonly ownerName: string | null;
  readonly issues: number;
  readonly isOwner: boolean;
  readonly isParticipant: boolean;
  readonly pending: number;
}

export interface ScoringRoundsView {
  /** The project's rounds, newest first (the last `kept`). */
  readonly rounds: readonly ScoringRoundSummaryView[];
  readonly kept: number;
  /** Whether the viewer may open a round (Edit issues in the project). */
  readonly canOpen: boolean;
  /** The model's inputs a round can ask about (numbers and single choices). */
  readonly inputs: readonly RoundInputView[];
  /** Bounds: issues, inputs and people per round. */
  readonly limits: { readonly issues: number; readonly inputs: number; readonly participants: number };
}

export interface OpenScoringRoundPayload {
  readonly name: string;
  /** The issues: by key, an epic's children, or the next sprint's candidates (the open issues of the project's Scrum board's next future sprint); all in the project in view. */
  readonly issues: { readonly keys: readonly string[] } | { readonly epicKey: string } | { readonly nextSprint: true };
  readonly inputs: readonly string[];
  readonly participants: readonly string[];
}

export interface ScoringRoundPayload {
  readonly roundId: string;
}

export interface RoundVotePayload {
  readonly roundId: string;
  readonly issueId: string;
  readonly input: string;
  /** null takes the value back. */
  readonly value: RoundValue | null;
}

export interface RoundApplyResultView {
  readonly issueKey: string;
  readonly input: string;
  readonly label: string;
  readonly value: RoundValue;
  /** 'written'; 'moved' to another project (not applied); 'refused' by Jira or the permission check; 'later' (out of time: apply again). */
  readonly outcome: 'written' | 'moved' | 'refused' | 'later';
  readonly message: string;
}

export interface RoundApplyView {
  readonly round: ScoringRoundView;
  readonly results: readonly RoundApplyResultView[];
  readonly written: number;
  /** Agreed values already applied by an earlier apply: nothing written for them. */
  readonly alreadyApplied: number;
  /** What happened, in one sentence. */
  readonly summary: string;
}

export type ResolverDefs = {
  /** Checks a custom scoring formula as a project admin types it: errors at their position. */
  checkFormula: (payload: CheckFormulaPayload) => Result<FormulaCheck>;
  /**
   * The score of the issue in view (`context.extension.issue`, never the payload), read from
   * Jira as the user: an issue they cannot browse is 'not-found'.
   */
  getIssueScore: () => Result<IssueScoreView>;
  /** Rank and percentile of the issue in view in its project's open backlog (≤ 2 count queries). */
  getIssueRank: () => Result<IssueRankView>;
  /** Readiness, the trace to the vision, and whether the user may edit the issue or open the settings. */
  getIssueDetails: () => Result<IssueDetailsView>;
  /** Sets one score input of the issue in view, written to its Jira field AS THE USER; answers the new score. */
  setIssueInput: (payload: SetIssueInputPayload) => Result<IssueScoreView>;
  // The whole vision map and the whole ranked backlog in one call are not resolvers: at scale they
  // take longer than a Forge invocation may, so the page reads the map's outline and chunks and
  // merges them, and the backlog a page at a time in score order (static/project-page); the
  // integration tests compare these with the services' one-shot views.
  /** The vision map's outline, fast: the strategy and the epics (no story counts yet). */
  getVisionOutline: () => Result<VisionMapView>;
  /** One chunk of the vision map's counts (issues after `after`, in key order); the page calls them in sequence. */
  getVisionMapChunk: (payload: VisionMapChunkPayload) => Result<VisionMapChunkView>;
  /** One page of the ranked backlog, or of its incomplete list, read from Jira in score order (one search). */
  getRankedBacklogPage: (payload: RankedBacklogPagePayload) => Result<RankedBacklogPageView>;
  /** The next future sprint's stories (or the top of the backlog) against the Definition of Ready. */
  getSprintReadiness: (payload: SprintReadinessPayload) => Result<SprintReadinessView>;
  /** Changes the vision or themes (product managers and project admins), with the revision check. */
  editStrategy: (payload: StrategyEditPayload) => Result<ProjectStrategyView>;
  /** Attaches an epic of the project to a theme (or detaches it), written as the user. */
  setEpicTheme: (payload: EpicThemePayload) => Result<EpicThemePayload>;
  // ---- Project settings: project admins only (checked as the user on every call, before the payload) ----
  /** The project's scoring configuration, readiness rules and product managers with their revisions, broken field mappings, the recompute's progress. */
  getSettings: () => Result<SettingsView>;
  /** Saves the scoring configuration (refused as 'stale' when based on an older revision); queues a recompute. */
  saveScoringConfig: (payload: SaveDocumentPayload<ScoringConfigInput>) => Result<SaveResultView>;
  /** Saves the readiness rules; queues a recompute. */
  saveReadinessConfig: (payload: SaveDocumentPayload<ReadinessConfigInput>) => Result<SaveResultView>;
  /** Saves who, besides project admins, may edit the vision and themes. */
  saveProductManagers: (payload: SaveProductManagersPayload) => Result<SaveResultView>;
  /** People whose name or email starts with the query, for the product manager picker (project admins only). */
  searchPeople: (payload: PeopleSearchPayload) => Result<PeopleSearchView>;
  /** Names and avatars of the saved product managers and of who saved them, from the stored ids. */
  getSettingsPeople: () => Result<SettingsPeopleView>;
  /** Ten real issues of the project scored with the saved and with the candidate configuration, with breakdowns. */
  previewScores: (payload: PreviewPayload<ScoringConfigInput>) => Result<ScorePreviewView>;
  /** How many open issues each readiness rule flags, saved rules vs candidate rules. */
  previewReadiness: (payload: PreviewPayload<ReadinessConfigInput>) => Result<ReadinessPreviewView>;
  /** The whole configuration as one JSON file. */
  exportConfig: () => Result<ExportView>;
  /** Imports a configuration file, checked in full before anything is written; queues a recompute. */
  importConfig: (payload: ImportPayload) => Result<ImportResultView>;
  /** Queues a recompute of every issue of the project (supersedes a run in progress). */
  recomputeNow: () => Result<RecomputeProgressView>;
  /** The latest recompute's progress; null when none ever ran. */
  recomputeProgress: () => Result<RecomputeProgressView | null>;
  /** Field discovery: the site's fields by input kind, suggestions per model input, select options. */
  discoverFields: () => Result<FieldDiscoveryView>;
  // ---- Ordering a board's backlog by score (the ranked backlog) ----
  /** The boards the backlog order can be applied to: the project in view's, as the user sees them (the picker). */
  listBacklogBoards: () => Result<BacklogBoardsView>;
  /** Which issues would move and how far, the rank calls, the incomplete and pinned issues apart; nothing is written. */
  previewBacklogOrder: (payload: BacklogOrderPayload) => Result<BacklogOrderPreview>;
  /** Ranks the board's backlog by score as the user; a 207 is reported issue by issue; the order before is saved for Undo. */
  applyBacklogOrder: (payload: ApplyBacklogOrderPayload) => Result<BacklogOrderResult>;
  /** Restores the order saved by the last apply (exactly, unless someone else moved issues since: then what it can). */
  undoBacklogOrder: (payload: UndoBacklogOrderPayload) => Result<UndoBacklogOrderResult>;
  /** Pins an issue of the project in view: it keeps its place in every ordering. */
  pinIssue: (payload: PinIssuePayload) => Result<readonly BacklogPinView[]>;
  unpinIssue: (payload: UnpinIssuePayload) => Result<readonly BacklogPinView[]>;
  // ---- Why a priority moved ----
  /** The issue in view's last changes to its score and readiness, with their causes in words (read as the user). */
  getIssueHistory: () => Result<IssueHistoryView>;
  /** The project's issues whose score moved most since a date, among those the user can see. */
  getMovedMost: (payload: MovedMostPayload) => Result<MovedMostView>;
  // ---- Dashboard gadgets ----
  /** The projects the user may browse (as the user), for a gadget's edit view. */
  listGadgetProjects: (payload: GadgetProjectsPayload) => Result<GadgetProjectsView>;
  /** The boards the user can see (as the user), for the Sprint readiness gadget's edit view. */
  listGadgetBoards: (payload: GadgetBoardsPayload) => Result<GadgetBoardsView>;
  /** The themes of a project the user may browse, for the Top of the backlog gadget's edit view. */
  listGadgetThemes: (payload: GadgetThemesPayload) => Result<GadgetThemesView>;
  /** Checks a configuration before the edit view submits it: its shape, and that the user may browse the project (or see the board). */
  checkGadgetConfiguration: (payload: GadgetConfiguration) => Result<CheckedGadgetConfiguration>;
  /** The Vision alignment gadget for the project of `context.extension.gadgetConfiguration`, re-checked as the viewer. */
  getVisionAlignment: () => Result<VisionAlignmentView>;
  /** The Top of the backlog gadget for the project of its configuration, re-checked as the viewer: the top N by score. */
  getTopOfBacklog: () => Result<TopOfBacklogView>;
  /** The Sprint readiness gadget for the board of its configuration, re-checked as the viewer. */
  getSprintReadinessGadget: () => Result<SprintReadinessGadgetView>;
  // ---- The scoring grid (project page) ----
  /** A page (≤ 100 issues, one search as the user) of the project's issues with one cell per score input. */
  getScoringGridPage: (payload: ScoringGridPagePayload) => Result<ScoringGridPageView>;
  /** Writes one cell as the user (the sidebar's checks), unless Jira's value differs from `base`; answers the row's new score and rank. */
  setScoringGridCell: (payload: ScoringGridCellPayload) => Result<ScoringGridCellView>;
  // ---- Team scoring rounds (the project page; every call re-checks Browse projects as the user) ----
  /** The project's rounds, whether the viewer may open one, and the inputs a round can ask about. */
  listScoringRounds: () => Result<ScoringRoundsView>;
  /** Opens a round (Edit issues in the project): the issues read as the owner, in the project in view. */
  openScoringRound: (payload: OpenScoringRoundPayload) => Result<ScoringRoundView>;
  /** A round as the viewer may see it (others' values hidden until they vote). */
  getScoringRound: (payload: ScoringRoundPayload) => Result<ScoringRoundView>;
  /** Gives, changes or takes back a value (invited people, open rounds). */
  castRoundVote: (payload: RoundVotePayload) => Result<ScoringRoundView>;
  /** The owner's agreed value instead of the median (null: the median again). */
  setRoundAgreedValue: (payload: RoundVotePayload) => Result<ScoringRoundView>;
  closeScoringRound: (payload: ScoringRoundPayload) => Result<ScoringRoundView>;
  /** Writes the agreed values to the Jira fields as the owner (the sidebar's path); what was applied is not written again. */
  applyScoringRound: (payload: ScoringRoundPayload) => Result<RoundApplyView>;
  /** People to invite, by name (Edit issues in the project). */
  searchRoundPeople: (payload: PeopleSearchPayload) => Result<PeopleSearchView>;
};

/** The keys at run time, so the architecture test can prove each one is defined. */
export const resolverKeys = ['checkFormula', 'getIssueScore', 'getIssueRank', 'getIssueDetails', 'setIssueInput', 'getVisionOutline', 'getVisionMapChunk', 'getRankedBacklogPage', 'getSprintReadiness', 'editStrategy', 'setEpicTheme', 'getSettings', 'saveScoringConfig', 'saveReadinessConfig', 'saveProductManagers', 'searchPeople', 'getSettingsPeople', 'previewScores', 'previewReadiness', 'exportConfig', 'importConfig', 'recomputeNow', 'recomputeProgress', 'discoverFields', 'listBacklogBoards', 'previewBacklogOrder', 'applyBacklogOrder', 'undoBacklogOrder', 'pinIssue', 'unpinIssue', 'getIssueHistory', 'getMovedMost', 'listGadgetProjects', 'listGadgetBoards', 'listGadgetThemes', 'checkGadgetConfiguration', 'getVisionAlignment', 'getTopOfBacklog', 'getSprintReadinessGadget', 'getScoringGridPage', 'setScoringGridCell', 'listScoringRounds', 'openScoringRound', 'getScoringRound', 'castRoundVote', 'setRoundAgreedValue', 'closeScoringRound', 'applyScoringRound', 'searchRoundPeople'] as const satisfies readonly Extract<keyof ResolverDefs, string>[];

// Fails to compile when a key is added to ResolverDefs but not to resolverKeys.
type MissingKeys = Exclude<Extract<keyof ResolverDefs, string>, (typeof resolverKeys)[number]>;
export const contractIsComplete: [MissingKeys] extends [never] ? true : MissingKeys = true;
