/**
 * The sidebar's second answer: readiness (the project's rules), the trace Vision › Theme › Epic ›
 * this issue, and what the user may do (edit the issue, open the settings). Read as whoever
 * `requestJira` acts for: the issue, the field list and the user's permissions in parallel, then
 * the parent epic (its theme property) when there is one, and beside it, when a score input is a
 * multi-select the user may edit, the options Jira's edit screen offers them.
 */
import type { IssueDetailsView, IssueReadinessView, IssueTraceView, ReadinessRuleView } from '../contract';
import { issueTypeOf, parentOf } from '../domain/jira-issue';
import type { ReadinessResult, RuleFailure } from '../domain/readiness';
import type { IssueTheme } from '../domain/strategy';
import { createJiraClient, getMyPermissions, isJiraError } from '../jira';
import type { JiraClient, RequestJira } from '../jira';
import { getEditableFields } from '../jira/edit-meta';
import type { EditableField } from '../jira/edit-meta';
import { multiSelectFieldOf, optionsEditorOf } from './input-editors';
import { NO_ATTACHED_THEMES, createEvaluator, lookUpEpics } from './evaluation';
import type { EpicRef, EpicThemeReader } from './evaluation';
import { defaultConfigurationSource, editorOf, fieldNameOf, inputSourceOf, readIssueForSidebar } from './issue-score';
import { compileScoring } from '../domain/scoring';
import type { ConfigurationSource } from './issue-score';

function ruleView(failure: RuleFailure): ReadinessRuleView {
  return { ruleId: failure.ruleId, severity: failure.severity, message: failure.message, fix: failure.fix };
}

export function readinessViewOf(result: ReadinessResult): IssueReadinessView {
  return {
    verdict: result.verdict,
    reason: result.reason ?? null,
    failures: result.failures.map(ruleView),
    warnings: result.warnings.map(ruleView),
    notChecked: result.notChecked.map(({ ruleId, reason }) => ({ ruleId, reason })),
  };
}

function themeView(theme: IssueTheme): IssueTraceView['theme'] {
  if (theme.kind === 'theme') return { kind: 'theme', id: theme.theme.id, name: theme.theme.name, archived: theme.archived };
  if (theme.kind === 'unknown-theme') return { kind: 'unknown', id: theme.id };
  return { kind: 'none' };
}

/** EDIT_ISSUES on this issue and ADMINISTER_PROJECTS on its project, as the user; none when Jira cannot say. */
async function permissionsOf(jira: JiraClient, issueIdOrKey: string): Promise<IssueDetailsView['permissions']> {
  try {
    const granted = await getMyPermissions(jira, ['EDIT_ISSUES', 'ADMINISTER_PROJECTS'], { issueKey: issueIdOrKey });
    return { canEdit: granted.EDIT_ISSUES === true, isAdmin: granted.ADMINISTER_PROJECTS === true };
  } catch (error: unknown) {
    // Not knowing is "no": the buttons stay hidden and Jira would refuse the write anyway.
    if (isJiraError(error)) return { canEdit: false, isAdmin: false };
    throw error;
  }
}

export interface IssueDetailsOptions {
  readonly configuration?: ConfigurationSource;
  /** Which theme each epic serves (Forge storage); without it no epic has an attached theme. */
  readonly epicThemes?: EpicThemeReader;
  readonly now?: Date;
}

/**
 * What Jira's edit screen offers the user on the issue (a multi-select's options), read as the user
 * only when a score input is a multi-select they may edit; undefined when Jira did not answer (the
 * input then says so, and the rest of the panel still shows).
 */
async function editableFieldsFor(jira: JiraClient, issueKey: string, wanted: boolean): Promise<ReadonlyMap<string, EditableField> | undefined> {
  if (!wanted) return new Map();
  try {
    return await getEditableFields(jira, issueKey);
  } catch (error: unknown) {
    if (isJiraError(error)) return undefined;
    throw error;
  }
}

export async function issueDetails(requestJira: RequestJira, issueIdOrKey: string, options: IssueDetailsOptions = {}): Promise<IssueDetailsView> {
  const jira = createJiraClient(requestJira);
  const [read, permissions] = await Promise.all([readIssueForSidebar(jira, issueIdOrKey, options.configuration ?? defaultConfigurationSource), permissionsOf(jira, issueIdOrKey)]);
  const { issue, configuration, site } = read;
  const fields = new Map(read.fields.map((field) => [field.id, field]));
  const scoringInputs = compileScoring(configuration.scoring).inputs;
  const multiSelects = new Map(scoringInputs.flatMap((input) => {
    const fieldId = multiSelectFieldOf(inputSourceOf(configuration.scoring, input.key), fields);
    return fieldId === undefined ? [] : [[input.key, fieldId] as const];
  }));
  const evaluator = createEvaluator(configuration, site, options.epicThemes ?? NO_ATTACHED_THEMES);
  const epics = new Map<string, EpicRef | null>(await evaluator.epicsAmong([issue]));
  const parentKeys = evaluator.parentsToLookUp([issue], epics);
  const lookUpParents = async () => {
    if (parentKeys.length === 0) return;
    try {
      for (const [key, ref] of (await lookUpEpics(jira, evaluator, parentKeys)).epics) epics.set(key, ref);
    } catch (error: unknown) {
      // The epic could not be read now: its rules stay unchecked rather than failing the panel.
      if (!isJiraError(error) || error.kind === 'rate-limited') throw error;
    }
  };
  // The multi-selects' options are read beside the epic: no round trip of their own.
  const [, editable] = await Promise.all([lookUpParents(), editableFieldsFor(jira, issue.key, permissions.canEdit && multiSelects.size > 0)]);
  const evaluation = evaluator.evaluate(issue, epics, options.now);
  const parent = parentOf(issue.fields, configuration.readiness.epicLinkFieldId ?? undefined);
  const isEpic = (issueTypeOf(issue.fields)?.hierarchyLevel ?? 0) >= 1;
  const parentIsEpic = parent !== undefined && (parent.hierarchyLevel === undefined || parent.hierarchyLevel >= 1);
  const summary = issue.fields.summary;
  const statement = configuration.strategy.vision.statement.trim();
  return {
    readiness: readinessViewOf(evaluation.readiness),
    trace: {
      project: read.project,
      vision: statement === '' ? null : statement,
      theme: themeView(evaluation.theme),
      epic: parent === undefined || !parentIsEpic ? null : { key: parent.key, summary: parent.summary ?? null, exists: epics.get(parent.key) !== null },
      issue: { key: issue.key, summary: typeof summary === 'string' ? summary : null, isEpic },
    },
    permissions,
    inputs: scoringInputs.map((input) => {
      const multiSelect = multiSelects.get(input.key);
      return {
        input: input.key,
        field: input.fieldId === null ? null : { id: input.fieldId, name: fieldNameOf(input.fieldId, fields, site) },
        editor: multiSelect === undefined ? editorOf(configuration.scoring, input.key, fields) : optionsEditorOf(multiSelect, editable, issue.fields[multiSelect]),
      };
    }),
  };
}
