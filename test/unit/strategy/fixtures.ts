import type { JiraIssue } from '../../../src/domain/jira-issue';
import type { Strategy, Theme, ThemeInput } from '../../../src/domain/strategy';

export const THEME_PROPERTY = 'throughline-theme';
export const POINTS = 'customfield_10016';

export function theme(overrides: Partial<Theme> & Pick<ThemeInput, 'id' | 'name'>): Theme {
  return {
    description: '',
    horizon: 'now',
    targetPercent: 0,
    strategicWeight: 1,
    colour: 'blue',
    archived: false,
    claimLabels: [],
    ...overrides,
  };
}

export function strategy(themes: Theme[], revision = 1): Strategy {
  return {
    schemaVersion: 1,
    revision,
    vision: { statement: 'Teams ship what matters.', targetCustomers: 'Product teams', goals: [{ name: 'Adoption', metric: 'weekly active projects', target: '500 by 2027' }] },
    themes,
  };
}

const STATUS = {
  new: { name: 'To Do', statusCategory: { key: 'new' } },
  indeterminate: { name: 'In Progress', statusCategory: { key: 'indeterminate' } },
  done: { name: 'Done', statusCategory: { key: 'done' } },
} as const;

interface IssueOptions {
  status?: keyof typeof STATUS;
  points?: unknown;
  parent?: string;
  parentLevel?: number;
  labels?: unknown;
  properties?: Record<string, unknown>;
  fields?: Record<string, unknown>;
}

function issue(key: string, hierarchyLevel: number, name: string, options: IssueOptions): JiraIssue {
  const fields: Record<string, unknown> = {
    summary: `${name} ${key}`,
    issuetype: { id: String(10000 + hierarchyLevel), name, hierarchyLevel, subtask: hierarchyLevel === -1 },
    status: STATUS[options.status ?? 'new'],
    labels: options.labels ?? [],
    [POINTS]: options.points ?? null,
    ...options.fields,
  };
  if (options.parent !== undefined) {
    fields.parent = { id: '1', key: options.parent, fields: { summary: 'parent', issuetype: { hierarchyLevel: options.parentLevel ?? 1 } } };
  }
  const numeric = key.replace(/\D/g, '');
  return options.properties === undefined
    ? { id: numeric, key, fields }
    : { id: numeric, key, fields, properties: options.properties };
}

export const epic = (key: string, options: IssueOptions = {}): JiraIssue => issue(key, 1, 'Epic', options);
export const story = (key: string, options: IssueOptions = {}): JiraIssue => issue(key, 0, 'Story', options);
export const subtask = (key: string, options: IssueOptions = {}): JiraIssue => issue(key, -1, 'Subtask', options);

export const onTheme = (themeId: unknown): Record<string, unknown> => ({ [THEME_PROPERTY]: { themeId } });
