/**
 * Writes dev/demo-data/demo.json: the dataset of `npm start`, the integration tests and the browser tests.
 * Deterministic (seeded, fixed dates): running it again gives the same file.
 *
 * One product, "Throughline Demo" (TL, company-managed, scrum board, 5 closed sprints with real
 * velocity, one active and one future sprint) and a small team-managed project (MOB, with its own
 * 2 themes, one per epic). 12 epics across 5 themes (3 without a theme), ~200 stories with scoring inputs and every kind of description the
 * readiness rules look at, and blockers both open and done.
 *
 *   npx tsx dev/demo-data/generate-demo.ts [--out FILE]
 *
 * Over 400 lines because it is one seeded script whose length is the demo's content (projects, sprints, 12 epics, ~200 stories, every kind of description the readiness rules look at).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatasetInput } from '../jira-emulator/dataset-schema';
import { seededRandom } from '../jira-emulator/faults';
import { bulletList, doc, heading, orderedList, panel, paragraph, table, taskList, text } from './adf';
import type { AdfDoc } from './adf';
import {
  FIELD,
  IMPACT_OPTIONS,
  ISSUE_TYPE,
  isDoneStatus,
  issueTypesFor,
  lexoRank,
  PRIORITIES,
  RISK_REDUCTION_OPTIONS,
  SITE_CATALOG,
  STATUS,
  USERS,
} from './catalog';

export const DEMO_PROJECT = { id: '10000', key: 'TL', name: 'Throughline Demo' } as const;
export const TEAM_PROJECT = { id: '10001', key: 'MOB', name: 'Mobile Squad' } as const;
export const DEMO_BOARD_ID = 1;
export const THEME_PROPERTY = 'throughline.theme';

/** The themes TL's epics point at; the app's own theme records use the same ids. */
export const DEMO_THEMES = [
  { id: 'theme-onboarding', name: 'Effortless onboarding' },
  { id: 'theme-insights', name: 'Decisions from data' },
  { id: 'theme-collaboration', name: 'Work together' },
  { id: 'theme-platform', name: 'Trustworthy platform' },
  { id: 'theme-mobile', name: 'Mobile first' },
] as const;

/**
 * MOB's own themes, one per epic (themes belong to a project: a MOB epic never points at one of
 * TL's, which MOB's strategy would show as a theme that no longer exists).
 */
export const TEAM_THEMES = [
  { id: 'theme-mob-everyday', name: 'Fast everyday app' },
  { id: 'theme-mob-reach', name: 'Timely, quiet alerts' },
] as const;

type Issue = DatasetInput['issues'][number];
type Fields = Record<string, unknown>;

const FIBONACCI = [1, 2, 3, 5, 8, 13];
const WSJF_SCALE = [1, 2, 3, 5, 8, 13, 20];
const DAY = 86_400_000;
const SPRINT_ONE_START = Date.UTC(2025, 8, 1, 9, 0); // 1 Sep 2025, 09:00 UTC
const SPRINT_LENGTH = 14 * DAY;

interface EpicPlan {
  summary: string;
  theme: string | undefined;
  status: (typeof STATUS)[keyof typeof STATUS];
  capabilities: string[];
}

const EPICS: EpicPlan[] = [
  { summary: 'Guided onboarding for new workspaces', theme: 'theme-onboarding', status: STATUS.inProgress, capabilities: ['a setup checklist on first login', 'sample data I can delete later', 'an invite step for my team', 'progress saved between sessions', 'tips that explain each view', 'a skip option for experienced admins'] },
  { summary: 'Self-serve data import', theme: 'theme-onboarding', status: STATUS.todo, capabilities: ['CSV import with column mapping', 'a preview of the first 20 rows', 'clear errors for invalid dates', 'import from a spreadsheet link', 'an undo for the last import'] },
  { summary: 'Portfolio insights dashboard', theme: 'theme-insights', status: STATUS.inProgress, capabilities: ['a chart of effort by theme', 'filters by team and quarter', 'a CSV export of the dashboard', 'drill-down from a chart bar to issues', 'a shareable dashboard link', 'trend lines over the last six sprints'] },
  { summary: 'Forecasting from velocity', theme: 'theme-insights', status: STATUS.todo, capabilities: ['a completion forecast per epic', 'a confidence range on forecasts', 'a warning when scope grows', 'velocity computed from closed sprints'] },
  { summary: 'Shared roadmap comments', theme: 'theme-collaboration', status: STATUS.inProgress, capabilities: ['comments on roadmap items', 'mentions that notify people', 'resolved comment threads', 'comment history on each item', 'emoji reactions to comments'] },
  { summary: 'Notifications that matter', theme: 'theme-collaboration', status: STATUS.done, capabilities: ['a daily digest email', 'per-project notification settings', 'mute for noisy issues', 'notifications grouped by epic'] },
  { summary: 'Permission model overhaul', theme: 'theme-platform', status: STATUS.inProgress, capabilities: ['project-level roles', 'an audit log of permission changes', 'read-only guests', 'bulk role assignment', 'a permission check API for integrations'] },
  { summary: 'API rate-limit resilience', theme: 'theme-platform', status: STATUS.todo, capabilities: ['retries with backoff on 429', 'a queue for background recomputation', 'metrics on throttled calls', 'graceful degradation when Jira is slow'] },
  { summary: 'Offline mode for field teams', theme: 'theme-mobile', status: STATUS.todo, capabilities: ['offline reading of assigned issues', 'queued edits that sync later', 'conflict resolution on sync', 'a clear offline indicator'] },
  { summary: 'Accessibility audit fixes', theme: undefined, status: STATUS.inProgress, capabilities: ['keyboard navigation in the backlog', 'screen reader labels on charts', 'sufficient colour contrast', 'focus order in dialogs'] },
  { summary: 'Legacy report clean-up', theme: undefined, status: STATUS.todo, capabilities: ['removal of unused reports', 'migration of saved filters', 'redirects from old report URLs'] },
  { summary: 'Marketing site refresh', theme: undefined, status: STATUS.todo, capabilities: ['a new pricing page', 'customer stories', 'a faster landing page'] },
];

const PERSONAS = ['product manager', 'product owner', 'team lead', 'workspace admin', 'developer', 'stakeholder', 'new user'];
const BENEFITS = [
  'I can plan the next sprint with confidence',
  'I spend less time in spreadsheets',
  'the team sees why this matters',
  'nothing falls through the cracks',
  'I can explain priorities to stakeholders',
  'I trust the numbers I report',
];
const LABELS = ['customer-request', 'tech-debt', 'ux', 'performance', 'security', 'quick-win'];

function iso(time: number): string {
  return new Date(time).toISOString().replace('Z', '+0000');
}

function day(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export function generateDemoDataset(): DatasetInput {
  const random = seededRandom(20_251_117);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (p: number): boolean => random() < p;

  const issues: Issue[] = [];
  let nextId = 10_001;
  let rank = 0;
  const keyCounters = new Map<string, number>();
  const newIssue = (project: { id: string; key: string }, fields: Fields, properties?: Record<string, unknown>): Issue => {
    const number = (keyCounters.get(project.key) ?? 0) + 1;
    keyCounters.set(project.key, number);
    const issue: Issue = {
      id: String(nextId++),
      key: `${project.key}-${number}`,
      fields: { project: { id: project.id, key: project.key }, ...fields } as Issue['fields'],
      ...(properties === undefined ? {} : { properties: properties }),
    };
    issues.push(issue);
    return issue;
  };

  // ---- sprints: 5 closed, 1 active, 1 future, two weeks each ----
  const sprints: DatasetInput['sprints'] = [];
  for (let n = 1; n <= 7; n += 1) {
    const start = SPRINT_ONE_START + (n - 1) * SPRINT_LENGTH;
    const sprintState = n <= 5 ? 'closed' : n === 6 ? 'active' : 'future';
    sprints.push({
      id: n,
      name: `TL Sprint ${n}`,
      state: sprintState,
      boardId: DEMO_BOARD_ID,
      goal: ['Onboarding checklist usable end to end', 'Insights dashboard beta', 'Comments on roadmap items', 'Roles and audit log', 'Harden the API client', 'Forecasts and import preview', 'Offline reading and accessibility'][n - 1] ?? '',
      createdDate: new Date(start - 3 * DAY).toISOString(),
      ...(sprintState === 'future' ? {} : { startDate: new Date(start).toISOString(), endDate: new Date(start + SPRINT_LENGTH).toISOString() }),
      ...(sprintState === 'closed' ? { completeDate: new Date(start + SPRINT_LENGTH + 2 * 3_600_000).toISOString() } : {}),
    });
  }
  const activeSprintEnd = SPRINT_ONE_START + 6 * SPRINT_LENGTH;

  // ---- epics ----
  const epics = EPICS.map((plan, index) => {
    const created = SPRINT_ONE_START - (30 - index) * DAY;
    const done = isDoneStatus(plan.status.id);
    return newIssue(
      DEMO_PROJECT,
      {
        summary: plan.summary,
        issuetype: ISSUE_TYPE.epic,
        status: plan.status,
        priority: PRIORITIES[index % 3 === 0 ? 1 : 2],
        created: iso(created),
        updated: iso(created + 40 * DAY),
        labels: [],
        description: doc(paragraph(`${plan.summary}: ${plan.capabilities.slice(0, 3).join(', ')}.`), paragraph('Success means fewer support requests and a measurable lift in weekly active teams.')),
        reporter: { accountId: USERS.pat.accountId },
        assignee: null,
        resolution: done ? { id: '10000' } : null,
        resolutiondate: done ? iso(created + 60 * DAY) : null,
        [FIELD.epicName]: plan.summary,
        [FIELD.rank]: lexoRank(rank++),
        votes: { votes: Math.floor(random() * 6), hasVoted: false },
      },
      plan.theme === undefined ? undefined : { [THEME_PROPERTY]: { themeId: plan.theme } },
    );
  });

  // ---- stories: who is in which sprint ----
  const STORY_COUNT = 200;
  const sprintOf: (number[] | undefined)[] = [];
  let cursor = 0;
  for (let n = 1; n <= 5; n += 1) for (let k = 0; k < 8; k += 1) sprintOf[cursor++] = [n];
  // Carried over: started in sprint 4 or 5, finished in the next one (Jira keeps both sprints).
  sprintOf[cursor++] = [4, 5];
  sprintOf[cursor++] = [4, 5];
  sprintOf[cursor++] = [5, 6];
  sprintOf[cursor++] = [5, 6];
  for (let k = 0; k < 10; k += 1) sprintOf[cursor++] = [6];
  const futureStart = cursor;
  for (let k = 0; k < 10; k += 1) sprintOf[cursor++] = [7];
  const futureEnd = cursor;

  const stories: Issue[] = [];
  for (let i = 0; i < STORY_COUNT; i += 1) {
    const sprintIds = sprintOf[i] ?? [];
    const lastSprint = sprintIds.at(-1);
    const orphan = i % 13 === 7; // some stories have no epic
    const epicIndex = (i * 7 + Math.floor(i / 12)) % epics.length;
    const epic = orphan ? undefined : epics[epicIndex];
    const plan = EPICS[epicIndex] ?? EPICS[0]!;
    const capability = plan.capabilities[i % plan.capabilities.length] ?? 'a better experience';
    const typeRoll = random();
    const issueType = typeRoll < 0.8 ? ISSUE_TYPE.story : typeRoll < 0.92 ? ISSUE_TYPE.task : ISSUE_TYPE.bug;

    let status: (typeof STATUS)[keyof typeof STATUS];
    if (lastSprint !== undefined && lastSprint <= 5) status = STATUS.done;
    else if (lastSprint === 6) status = pick([STATUS.todo, STATUS.inProgress, STATUS.inProgress, STATUS.inReview, STATUS.done]);
    else if (lastSprint === 7) status = STATUS.todo;
    else if (plan.status === STATUS.done) status = STATUS.done;
    else status = chance(0.12) ? STATUS.done : chance(0.15) ? STATUS.inProgress : chance(0.5) ? STATUS.backlog : STATUS.todo;
    const done = isDoneStatus(status.id);

    const sprintStart = lastSprint === undefined ? undefined : SPRINT_ONE_START + (lastSprint - 1) * SPRINT_LENGTH;
    const created = (sprintStart ?? SPRINT_ONE_START + Math.floor(random() * 70) * DAY) - Math.floor(5 + random() * 25) * DAY;
    const updated = Math.min(activeSprintEnd - 7 * DAY, created + Math.floor(3 + random() * 40) * DAY);

    // Closed-sprint stories are estimated (velocity needs points); the rest have realistic gaps.
    const inClosedSprint = lastSprint !== undefined && lastSprint <= 5;
    const points = inClosedSprint || chance(0.88) ? pick(FIBONACCI) : undefined;
    const pointsMode = random();
    const fields: Fields = {
      summary:
        issueType === ISSUE_TYPE.bug
          ? `Fix: ${capability} fails for some users`
          : chance(0.55)
            ? `As a ${pick(PERSONAS)}, I want ${capability} so that ${pick(BENEFITS)}`
            : `Add ${capability}`,
      issuetype: issueType,
      status,
      priority: PRIORITIES[Math.min(4, Math.floor(random() * random() * 5 + 1))],
      created: iso(created),
      updated: iso(updated),
      statuscategorychangedate: iso(updated),
      labels: chance(0.35) ? [pick(LABELS)] : [],
      description: describe(i, capability, random),
      reporter: { accountId: USERS.pat.accountId },
      assignee: status === STATUS.backlog || status === STATUS.todo ? null : { accountId: pick([USERS.ada.accountId, USERS.pat.accountId]) },
      resolution: done ? { id: '10000' } : null,
      resolutiondate: done ? iso(sprintStart === undefined ? updated : Math.min(sprintStart + SPRINT_LENGTH - DAY, updated + 2 * DAY)) : null,
      duedate: chance(0.4) ? day(activeSprintEnd + Math.floor(random() * 90 - 30) * DAY) : null,
      votes: { votes: Math.floor(random() * random() * 12), hasVoted: false },
      [FIELD.rank]: lexoRank(rank++),
      // Both story point fields, as on sites that moved from the classic field: mostly equal, some in only one.
      [FIELD.storyPointEstimate]: points === undefined || pointsMode > 0.9 ? null : points,
      [FIELD.storyPoints]: points === undefined || (pointsMode > 0.8 && pointsMode <= 0.9) ? null : points,
      [FIELD.businessValue]: chance(0.88) ? pick(WSJF_SCALE) : null,
      [FIELD.timeCriticality]: chance(0.88) ? pick(WSJF_SCALE) : null,
      [FIELD.riskReduction]: chance(0.85) ? { ...pick(RISK_REDUCTION_OPTIONS) } : null,
      [FIELD.reach]: chance(0.7) ? Math.round(50 + random() * 4950) : null,
      [FIELD.impact]: chance(0.7) ? { ...pick(IMPACT_OPTIONS) } : null,
      [FIELD.confidence]: chance(0.7) ? pick([50, 80, 100]) : null,
      [FIELD.effort]: chance(0.7) ? pick([0.5, 1, 2, 3, 5]) : null,
      [FIELD.acceptanceCriteria]: i % 17 === 3 ? doc(bulletList(['The change is behind a feature flag', 'Support has a help article'])) : null,
      [FIELD.sprint]: sprintIds.length === 0 ? null : sprintIds.map((id) => ({ id })),
      [FIELD.epicLink]: epic?.key ?? null,
    };
    if (epic !== undefined) fields.parent = { id: epic.id, key: epic.key };
    stories.push(newIssue(DEMO_PROJECT, fields));
  }

  // A few subtasks under stories of the active sprint.
  for (let k = 0; k < 6; k += 1) {
    const parent = stories[44 + k] ?? stories[0]!;
    const parentFields = parent.fields as Fields;
    newIssue(DEMO_PROJECT, {
      summary: ['Write migration', 'Update API docs', 'Add unit tests', 'Design review', 'Accessibility check', 'Load test'][k] ?? 'Subtask',
      issuetype: ISSUE_TYPE.subtask,
      status: k % 2 === 0 ? STATUS.done : STATUS.todo,
      priority: PRIORITIES[2],
      created: parentFields.created,
      updated: parentFields.updated,
      labels: [],
      description: null,
      reporter: { accountId: USERS.ada.accountId },
      assignee: { accountId: USERS.ada.accountId },
      resolution: k % 2 === 0 ? { id: '10000' } : null,
      resolutiondate: k % 2 === 0 ? (parentFields.updated) : null,
      parent: { id: parent.id, key: parent.key },
      [FIELD.rank]: lexoRank(rank++),
    });
  }

  // ---- team-managed project: 2 epics, 12 stories, own issue types, no Epic Link, no classic points ----
  const [mobEpicType, mobStoryType, mobTaskType] = issueTypesFor([TEAM_PROJECT.id]).filter((t) => t.projectId === TEAM_PROJECT.id);
  const mobEpics = ['Mobile app shell', 'Push notifications'].map((summary, index) =>
    newIssue(
      TEAM_PROJECT,
      {
        summary,
        issuetype: { id: mobEpicType!.id, name: mobEpicType!.name },
        status: STATUS.inProgress,
        priority: PRIORITIES[2],
        created: iso(SPRINT_ONE_START + index * DAY),
        updated: iso(SPRINT_ONE_START + 20 * DAY),
        labels: ['mobile'],
        description: doc(paragraph(`${summary} for iOS and Android.`)),
        reporter: { accountId: USERS.ada.accountId },
        assignee: null,
        resolution: null,
      },
      { [THEME_PROPERTY]: { themeId: TEAM_THEMES[index]?.id } },
    ),
  );
  const mobStories: Issue[] = [];
  for (let k = 0; k < 12; k += 1) {
    const status = k < 4 ? STATUS.done : k < 7 ? STATUS.inProgress : STATUS.todo;
    const done = isDoneStatus(status.id);
    mobStories.push(
      newIssue(TEAM_PROJECT, {
        summary: ['Login screen', 'Issue list', 'Issue detail', 'Pull to refresh', 'Dark mode', 'Token refresh', 'Deep links', 'Push opt-in', 'Quiet hours', 'Badge counts', 'Notification settings', 'Crash reporting'][k] ?? 'Story',
        issuetype: k === 11 ? { id: mobTaskType!.id, name: mobTaskType!.name } : { id: mobStoryType!.id, name: mobStoryType!.name },
        status,
        priority: PRIORITIES[1 + (k % 3)],
        created: iso(SPRINT_ONE_START + (k + 2) * DAY),
        updated: iso(SPRINT_ONE_START + (k + 20) * DAY),
        labels: ['mobile'],
        description: k % 3 === 0 ? null : doc(paragraph(`As a mobile user, I want the ${['login screen', 'issue list', 'issue detail'][k % 3] ?? 'app'} to load fast.`), heading(3, 'Acceptance criteria'), bulletList(['Loads in under 2 seconds on 4G', 'Works offline with cached data'])),
        reporter: { accountId: USERS.ada.accountId },
        assignee: k < 7 ? { accountId: USERS.nick.accountId } : null,
        resolution: done ? { id: '10000' } : null,
        resolutiondate: done ? iso(SPRINT_ONE_START + (k + 15) * DAY) : null,
        parent: { id: mobEpics[k < 7 ? 0 : 1]!.id, key: mobEpics[k < 7 ? 0 : 1]!.key },
        [FIELD.storyPointEstimate]: k === 5 ? null : FIBONACCI[k % 4],
        [FIELD.businessValue]: k % 4 === 0 ? null : WSJF_SCALE[k % 5],
        votes: { votes: k % 3, hasVoted: false },
      }),
    );
  }

  // ---- links: blockers open and done (future-sprint stories get most), one across projects ----
  const blockedBy = (blocked: Issue, blocker: Issue): void => {
    const fields = blocked.fields as Fields & { issuelinks?: unknown[] };
    fields.issuelinks = [...(fields.issuelinks ?? []), { type: { id: '10000', name: 'Blocks' }, inwardIssue: { id: blocker.id, key: blocker.key } }];
  };
  const openStories = stories.filter((s) => !isDoneStatus((s.fields.status as { id: string }).id));
  const doneStories = stories.filter((s) => isDoneStatus((s.fields.status as { id: string }).id));
  for (let k = futureStart; k < futureEnd; k += 3) blockedBy(stories[k]!, openStories[(k * 5) % openStories.length]!);
  for (let k = futureStart + 1; k < futureEnd; k += 4) blockedBy(stories[k]!, doneStories[(k * 3) % doneStories.length]!);
  for (let k = 120; k < 200; k += 11) blockedBy(stories[k]!, k % 2 === 0 ? openStories[k % openStories.length]! : doneStories[k % doneStories.length]!);
  blockedBy(stories[futureStart + 2]!, mobStories[8]!); // blocked by an issue in a project Pat can see but Nick's view differs
  const relates = stories[60]!.fields as Fields & { issuelinks?: unknown[] };
  relates.issuelinks = [...(relates.issuelinks ?? []), { type: { id: '10003', name: 'Relates' }, outwardIssue: { id: stories[61]!.id, key: stories[61]!.key } }];

  return {
    siteName: 'throughline-demo',
    users: [
      { ...USERS.ada, active: true, timeZone: 'Europe/London', accountType: 'atlassian' },
      { ...USERS.pat, active: true, timeZone: 'Europe/Berlin', accountType: 'atlassian' },
      { ...USERS.nick, active: true, timeZone: 'America/New_York', accountType: 'atlassian' },
    ],
    projects: [
      { ...DEMO_PROJECT, style: 'classic', projectTypeKey: 'software', leadAccountId: USERS.pat.accountId, description: 'One line from the product vision to every story.' },
      { ...TEAM_PROJECT, style: 'next-gen', projectTypeKey: 'software', leadAccountId: USERS.ada.accountId, description: 'A small team-managed project.' },
    ],
    issueTypes: issueTypesFor([TEAM_PROJECT.id]),
    ...SITE_CATALOG,
    boards: [
      { id: DEMO_BOARD_ID, name: 'TL board', type: 'scrum', projectKey: DEMO_PROJECT.key },
      { id: 2, name: 'MOB board', type: 'simple', projectKey: TEAM_PROJECT.key },
      // A second board of TL whose filter also spans MOB: the product owner picks which backlog to
      // order, and ordering it moves only TL's issues (MOB's keep their places).
      { id: 3, name: 'Web and mobile', type: 'kanban', projectKey: DEMO_PROJECT.key, filterProjectKeys: [TEAM_PROJECT.key] },
    ],
    sprints,
    permissions: {
      // Pat, the product owner, ranks TL's backlog (Schedule issues) but only browses MOB.
      [DEMO_PROJECT.key]: {
        [USERS.ada.accountId]: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES', 'LINK_ISSUES', 'ADMINISTER_PROJECTS', 'SCHEDULE_ISSUES'],
        [USERS.pat.accountId]: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES', 'LINK_ISSUES', 'SCHEDULE_ISSUES'],
      },
      [TEAM_PROJECT.key]: {
        [USERS.ada.accountId]: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES', 'LINK_ISSUES', 'ADMINISTER_PROJECTS', 'SCHEDULE_ISSUES'],
        [USERS.pat.accountId]: ['BROWSE_PROJECTS'],
        [USERS.nick.accountId]: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'],
      },
    },
    issues,
  };
}

/** Every description shape the readiness rules must tell apart, in rotation. */
function describe(index: number, capability: string, random: () => number): AdfDoc | null {
  const story = `As a user I want ${capability}, because today I have to work around it and that costs time every week.`;
  switch (index % 9) {
    case 0:
      return doc(paragraph(story), heading(3, 'Acceptance criteria'), bulletList([`${capitalise(capability)} is available from the project page`, 'Works for users without admin rights', 'Errors are shown inline, never as a blank page']));
    case 1:
      return doc(paragraph(story), taskList(`t${index}`, [{ text: `${capitalise(capability)} is reachable in two clicks`, done: false }, { text: 'Copy reviewed by the UX writer', done: random() < 0.5 }]));
    case 2:
      return doc(paragraph(story), paragraph(text('Given', ['strong']), ` a project with at least one epic`), paragraph(text('When', ['strong']), ` I open ${capability}`), paragraph(text('Then', ['strong']), ' I see the result within two seconds'));
    case 3:
      return doc(paragraph(story), heading(2, 'Acceptance Criteria'), table(['Scenario', 'Expected'], [['Happy path', 'Saved and confirmed'], ['No permission', 'Explained, nothing saved'], ['Jira slow', 'Retried, then a clear message']]));
    case 4:
      return doc(paragraph(`${capitalise(capability)}.`));
    case 5:
      return null;
    case 6:
      return doc(paragraph(story), paragraph(text('AC:', ['strong'])), orderedList(['The setting is remembered per user', 'An admin can reset it']));
    case 7:
      return doc(
        paragraph(story),
        paragraph('Background: several customers asked for this in the last quarterly review, and the support team sees the same question about twice a week. We should keep the first version small and learn from usage before adding options.'),
        panel('note', paragraph('Design is in the shared Figma file, page "Q4".')),
      );
    default:
      return doc(paragraph(story), heading(3, 'Notes'), bulletList(['Check analytics before and after', 'Coordinate with the docs team']));
  }
}

function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const outIndex = process.argv.indexOf('--out');
  const out = outIndex >= 0 ? process.argv[outIndex + 1] : fileURLToPath(new URL('./demo.json', import.meta.url));
  if (out === undefined) throw new Error('--out needs a file name');
  const dataset = generateDemoDataset();
  writeFileSync(out, `${JSON.stringify(dataset, null, 1)}\n`);
  console.log(`wrote ${out}: ${dataset.issues.length} issues`);
}
