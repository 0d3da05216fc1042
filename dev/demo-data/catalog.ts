/**
 * The site-wide catalog shared by the demo and scale datasets: users, statuses, issue types and the
 * field list, shaped as a real Jira Cloud site sends them (ids as on a typical site; story points in
 * both the Jira Software "Story point estimate" field and a classic "Story Points" float field).
 */
import type { DatasetInput } from '../jira-emulator/dataset-schema';

export const APP_ID = '00000000-0000-4000-8000-000000000000';
const APP_ENVIRONMENT = '11111111-1111-4111-8111-111111111111';

export const USERS = {
  ada: { accountId: '5f0c1a2b3c4d5e6f7a8b9c01', displayName: 'Ada Admin', emailAddress: 'ada@throughline.example' },
  pat: { accountId: '5f0c1a2b3c4d5e6f7a8b9c02', displayName: 'Pat Owner', emailAddress: 'pat@throughline.example' },
  nick: { accountId: '5f0c1a2b3c4d5e6f7a8b9c03', displayName: 'Nick NoAccess', emailAddress: 'nick@throughline.example' },
} as const;

export const FIELD = {
  sprint: 'customfield_10020',
  storyPointEstimate: 'customfield_10016',
  storyPoints: 'customfield_10026',
  rank: 'customfield_10019',
  epicLink: 'customfield_10014',
  epicName: 'customfield_10011',
  businessValue: 'customfield_10050',
  timeCriticality: 'customfield_10051',
  riskReduction: 'customfield_10052',
  reach: 'customfield_10053',
  impact: 'customfield_10054',
  confidence: 'customfield_10055',
  effort: 'customfield_10056',
  acceptanceCriteria: 'customfield_10060',
  priorityScore: 'customfield_10100',
  readiness: 'customfield_10101',
} as const;

export const STATUS = {
  backlog: { id: '10003', name: 'Backlog' },
  todo: { id: '10000', name: 'To Do' },
  inProgress: { id: '3', name: 'In Progress' },
  inReview: { id: '10002', name: 'In Review' },
  done: { id: '10001', name: 'Done' },
} as const;

export const ISSUE_TYPE = {
  epic: { id: '10000', name: 'Epic' },
  story: { id: '10001', name: 'Story' },
  task: { id: '10002', name: 'Task' },
  subtask: { id: '10003', name: 'Sub-task' },
  bug: { id: '10004', name: 'Bug' },
} as const;

export const PRIORITIES = [
  { id: '1', name: 'Highest' },
  { id: '2', name: 'High' },
  { id: '3', name: 'Medium' },
  { id: '4', name: 'Low' },
  { id: '5', name: 'Lowest' },
];

export const RISK_REDUCTION_OPTIONS = [
  { id: '10200', value: 'None' },
  { id: '10201', value: 'Low' },
  { id: '10202', value: 'Medium' },
  { id: '10203', value: 'High' },
  { id: '10204', value: 'Critical' },
];

export const IMPACT_OPTIONS = [
  { id: '10210', value: 'Minimal (0.25)' },
  { id: '10211', value: 'Low (0.5)' },
  { id: '10212', value: 'Medium (1)' },
  { id: '10213', value: 'High (2)' },
  { id: '10214', value: 'Massive (3)' },
];

const CATEGORY = {
  new: { id: 2, key: 'new' as const, name: 'To Do', colorName: 'blue-gray' },
  indeterminate: { id: 4, key: 'indeterminate' as const, name: 'In Progress', colorName: 'yellow' },
  done: { id: 3, key: 'done' as const, name: 'Done', colorName: 'green' },
};

export const STATUSES: DatasetInput['statuses'] = [
  { ...STATUS.backlog, description: '', statusCategory: CATEGORY.new },
  { ...STATUS.todo, description: '', statusCategory: CATEGORY.new },
  { ...STATUS.inProgress, description: 'This issue is being actively worked on at the moment by the assignee.', statusCategory: CATEGORY.indeterminate },
  { ...STATUS.inReview, description: '', statusCategory: CATEGORY.indeterminate },
  { ...STATUS.done, description: '', statusCategory: CATEGORY.done },
];

export function isDoneStatus(statusId: string): boolean {
  return STATUSES.find((s) => s.id === statusId)?.statusCategory.key === 'done';
}

/** Company-managed issue types are site-wide; team-managed ones belong to their project. */
export function issueTypesFor(teamManagedProjectIds: readonly string[]): DatasetInput['issueTypes'] {
  const shared: DatasetInput['issueTypes'] = [
    { ...ISSUE_TYPE.epic, description: 'A big user story that needs to be broken down.', hierarchyLevel: 1 },
    { ...ISSUE_TYPE.story, description: 'Functionality or a feature expressed as a user goal.', hierarchyLevel: 0 },
    { ...ISSUE_TYPE.task, description: 'A small, distinct piece of work.', hierarchyLevel: 0 },
    { ...ISSUE_TYPE.bug, description: 'A problem or error.', hierarchyLevel: 0 },
    { ...ISSUE_TYPE.subtask, description: 'A small piece of work that is part of a larger task.', hierarchyLevel: -1, subtask: true },
  ];
  const teamManaged = teamManagedProjectIds.flatMap((projectId, index) => {
    const base = 10100 + index * 10;
    return [
      { id: String(base), name: 'Epic', description: 'Epics track collections of related bugs, stories, and tasks.', hierarchyLevel: 1, projectId },
      { id: String(base + 1), name: 'Story', description: 'Stories track functionality or features expressed as user goals.', hierarchyLevel: 0, projectId },
      { id: String(base + 2), name: 'Task', description: 'Tasks track small, distinct pieces of work.', hierarchyLevel: 0, projectId },
      { id: String(base + 3), name: 'Subtask', description: 'Subtasks track small pieces of work that are part of a larger task.', hierarchyLevel: -1, subtask: true, projectId },
    ];
  });
  return [...shared, ...teamManaged];
}

type FieldInput = DatasetInput['fields'][number];

function system(id: string, name: string, schema: FieldInput['schema'], flags: Partial<Pick<FieldInput, 'orderable' | 'navigable' | 'searchable'>> = {}, clauseNames = [id]): FieldInput {
  return { id, key: id, name, custom: false, orderable: flags.orderable ?? true, navigable: flags.navigable ?? true, searchable: flags.searchable ?? true, clauseNames, ...(schema === undefined ? {} : { schema }) };
}

function custom(id: string, name: string, type: string, customType: string, items?: string, extraClauseNames: string[] = []): FieldInput {
  const customId = Number(id.replace('customfield_', ''));
  return {
    id,
    key: id,
    name,
    untranslatedName: name,
    custom: true,
    orderable: true,
    navigable: true,
    searchable: true,
    clauseNames: [`cf[${customId}]`, name, ...extraClauseNames],
    schema: { type, ...(items === undefined ? {} : { items }), custom: customType, customId },
  };
}

/** A Forge app's custom field: a custom field whose key and type name the app and its module. */
function appField(id: string, moduleKey: string, name: string, type: string): FieldInput {
  return { ...custom(id, name, type, `ari:cloud:ecosystem::extension/${APP_ID}/${APP_ENVIRONMENT}/static/${moduleKey}`), key: `${APP_ID}__DEVELOPMENT__${moduleKey}` };
}

const GH = 'com.pyxis.greenhopper.jira';
const CF = 'com.atlassian.jira.plugin.system.customfieldtypes';

export const FIELDS: DatasetInput['fields'] = [
  system('summary', 'Summary', { type: 'string', system: 'summary' }),
  system('description', 'Description', { type: 'string', system: 'description' }),
  system('issuetype', 'Issue Type', { type: 'issuetype', system: 'issuetype' }, {}, ['issuetype', 'type']),
  system('project', 'Project', { type: 'project', system: 'project' }, { orderable: false }),
  system('status', 'Status', { type: 'status', system: 'status' }, { orderable: false }),
  system('statuscategorychangedate', 'Status Category Changed', { type: 'datetime', system: 'statuscategorychangedate' }, { orderable: false }),
  system('priority', 'Priority', { type: 'priority', system: 'priority' }),
  system('resolution', 'Resolution', { type: 'resolution', system: 'resolution' }),
  system('resolutiondate', 'Resolved', { type: 'datetime', system: 'resolutiondate' }, { orderable: false }, ['resolutiondate', 'resolved']),
  system('labels', 'Labels', { type: 'array', items: 'string', system: 'labels' }),
  system('created', 'Created', { type: 'datetime', system: 'created' }, { orderable: false }, ['created', 'createdDate']),
  system('updated', 'Updated', { type: 'datetime', system: 'updated' }, { orderable: false }, ['updated', 'updatedDate']),
  system('duedate', 'Due date', { type: 'date', system: 'duedate' }, {}, ['duedate', 'due']),
  system('assignee', 'Assignee', { type: 'user', system: 'assignee' }),
  system('reporter', 'Reporter', { type: 'user', system: 'reporter' }),
  system('issuelinks', 'Linked Issues', { type: 'array', items: 'issuelinks', system: 'issuelinks' }, {}, ['issueLink']),
  system('parent', 'Parent', undefined, { orderable: false, searchable: false }, ['parent']),
  system('subtasks', 'Sub-tasks', { type: 'array', items: 'issuelinks', system: 'subtasks' }, {}, ['subtasks']),
  system('votes', 'Votes', { type: 'votes', system: 'votes' }, { orderable: false }),
  system('watches', 'Watchers', { type: 'watches', system: 'watches' }, { orderable: false }, ['watchers']),
  custom(FIELD.sprint, 'Sprint', 'array', `${GH}:gh-sprint`, 'json'),
  custom(FIELD.storyPointEstimate, 'Story point estimate', 'number', `${GH}:jsw-story-points`),
  custom(FIELD.storyPoints, 'Story Points', 'number', `${CF}:float`, undefined, ['Story Points[Number]']),
  custom(FIELD.rank, 'Rank', 'any', `${GH}:gh-lexo-rank`),
  custom(FIELD.epicLink, 'Epic Link', 'any', `${GH}:gh-epic-link`),
  custom(FIELD.epicName, 'Epic Name', 'string', `${GH}:gh-epic-label`),
  custom(FIELD.businessValue, 'Business Value', 'number', `${CF}:float`, undefined, ['Business Value[Number]']),
  custom(FIELD.timeCriticality, 'Time Criticality', 'number', `${CF}:float`, undefined, ['Time Criticality[Number]']),
  custom(FIELD.riskReduction, 'Risk Reduction / Opportunity Enablement', 'option', `${CF}:select`),
  custom(FIELD.reach, 'Reach', 'number', `${CF}:float`),
  custom(FIELD.impact, 'Impact', 'option', `${CF}:select`),
  custom(FIELD.confidence, 'Confidence', 'number', `${CF}:float`),
  custom(FIELD.effort, 'Effort', 'number', `${CF}:float`),
  custom(FIELD.acceptanceCriteria, 'Acceptance Criteria', 'string', `${CF}:textarea`),
  appField(FIELD.priorityScore, 'priority-score', 'Priority score', 'number'),
  appField(FIELD.readiness, 'readiness', 'Readiness', 'string'),
];

export const FIELD_OPTIONS: DatasetInput['fieldOptions'] = {
  [FIELD.riskReduction]: RISK_REDUCTION_OPTIONS,
  [FIELD.impact]: IMPACT_OPTIONS,
};

export const LINK_TYPES: DatasetInput['issueLinkTypes'] = [
  { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
  { id: '10001', name: 'Cloners', inward: 'is cloned by', outward: 'clones' },
  { id: '10002', name: 'Duplicate', inward: 'is duplicated by', outward: 'duplicates' },
  { id: '10003', name: 'Relates', inward: 'relates to', outward: 'relates to' },
];

export const RESOLUTIONS: DatasetInput['resolutions'] = [
  { id: '10000', name: 'Done', description: 'Work has been completed on this issue.' },
  { id: '10001', name: "Won't Do", description: 'This issue won\'t be actioned.' },
];

/** A LexoRank-looking string that sorts in `index` order. */
export function lexoRank(index: number): string {
  return `0|i${index.toString(36).padStart(5, '0')}:`;
}

/**
 * What every dataset of this site carries alike, in the order a dataset lists it: the demo and the
 * scale generator spread it between their issue types and their boards.
 */
export const SITE_CATALOG = {
  statuses: STATUSES,
  priorities: PRIORITIES,
  resolutions: RESOLUTIONS,
  fields: FIELDS,
  fieldOptions: FIELD_OPTIONS,
  issueLinkTypes: LINK_TYPES,
} satisfies Partial<DatasetInput>;
