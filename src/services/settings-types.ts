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
  /** A ScoringConfig (src/domain/scoring) as stored: model, input mapping, weights. */
  readonly scoring: SettingsDocumentView<unknown>;
  /** The model in words, for the page's heading: "WSJF", "(Business value + …) ÷ Job size". */
  readonly model: { readonly name: string; readonly formula: string } | null;
  /** A ReadinessConfig (src/domain/readiness): issue types, fields, each rule's switch, severity and parameters. */
  readonly readiness: SettingsDocumentView<unknown>;
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

export interface SaveDocumentPayload {
  /** The document as the page edited it; validated in full on the server. */
  readonly config: unknown;
  /** The revision the page loaded (`SettingsDocumentView.revision`). */
  readonly baseRevision: number;
}

export interface SaveProductManagersPayload {
  readonly accountIds: readonly string[];
  readonly baseRevision: number;
}

export type SaveResultView =
  | { readonly status: 'saved'; readonly revision: number; readonly savedAt: string; /** The recompute it queued; null when values do not change (product managers). */ readonly recompute: RecomputeProgressView | null }
  /** Nothing was saved: every problem, each with its setting's path. */
  | { readonly status: 'invalid'; readonly errors: readonly SettingProblem[] };

export interface PreviewPayload {
  /** The candidate document (scoring or readiness configuration) as the page has it now. */
  readonly config: unknown;
}

export interface ScoreOutcomeView {
  readonly outcome: 'scored' | 'incomplete' | 'invalid';
  readonly score: number | null;
  readonly missing: readonly { readonly input: string; readonly label: string; readonly reason: string }[];
  readonly invalid: readonly { readonly input: string; readonly label: string; readonly reason: string }[];
  readonly breakdown: readonly {
    readonly input: string;
    readonly label: string;
    readonly field: { readonly id: string; readonly name: string } | null;
    readonly rawText: string | null;
    readonly used: number | null;
    readonly weight: number | null;
    readonly contribution: number | null;
    readonly status: 'ok' | 'missing' | 'invalid';
    readonly note: string | null;
  }[];
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
