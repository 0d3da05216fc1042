/**
 * Scale datasets for benchmarks: N issues (M of them epics) in one company-managed project, with
 * sprints, scoring inputs, blockers and theme properties in the demo's proportions. Summaries and
 * descriptions are real issue texts from the Deep-SE dataset when `../shared` has it
 * (dev/datasets/deep-se.ts), generated ones otherwise. Deterministic for a given seed.
 *
 *   npx tsx dev/demo-data/generate-scale.ts --issues 20000 --epics 200 [--seed 7] [--out FILE] [--no-real-texts]
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { deepSeDir, loadDeepSeIssues } from '../datasets/deep-se';
import type { DatasetInput } from '../jira-emulator/dataset-schema';
import { seededRandom } from '../jira-emulator/faults';
import { bulletList, doc, heading, paragraph } from './adf';
import type { AdfDoc } from './adf';
import {
  FIELD,
  ISSUE_TYPE,
  issueTypesFor,
  lexoRank,
  PRIORITIES,
  RISK_REDUCTION_OPTIONS,
  SITE_CATALOG,
  STATUS,
  USERS,
} from './catalog';

export interface ScaleOptions {
  /** Total issues, epics included. */
  issues: number;
  epics: number;
  seed?: number;
  projectKey?: string;
  /** Use Deep-SE texts when available (default true); false forces generated texts. */
  realTexts?: boolean;
  /** Share of stories with an "is blocked by" link (default 0.05). */
  blockerShare?: number;
}

export const SCALE_PROJECT_ID = '10000';
export const SCALE_BOARD_ID = 1;
const THEMES = Array.from({ length: 8 }, (_, i) => `theme-${i + 1}`);
const FIBONACCI = [1, 2, 3, 5, 8, 13];
const WSJF_SCALE = [1, 2, 3, 5, 8, 13, 20];
const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 6, 9, 0);
const SPRINT_LENGTH = 14 * DAY;
const CLOSED_SPRINTS = 10;

interface Text {
  summary: string;
  description: AdfDoc | null;
}

function iso(time: number): string {
  return new Date(time).toISOString().replace('Z', '+0000');
}

function realTexts(count: number): Text[] | undefined {
  if (deepSeDir() === undefined) return undefined;
  return loadDeepSeIssues({ limit: count }).map((issue) => ({
    summary: typeof issue.fields.summary === 'string' && issue.fields.summary !== '' ? issue.fields.summary.slice(0, 250) : 'Untitled',
    description: (issue.fields.description ?? null) as AdfDoc | null,
  }));
}

function generatedText(index: number, random: () => number): Text {
  const verbs = ['Add', 'Improve', 'Fix', 'Remove', 'Speed up', 'Document'];
  const things = ['the import wizard', 'backlog filters', 'sprint reports', 'the REST client', 'permission checks', 'email digests', 'the mobile layout'];
  const summary = `${verbs[index % verbs.length] ?? 'Add'} ${things[Math.floor(random() * things.length)] ?? 'things'} (${index})`;
  const description =
    index % 4 === 0
      ? null
      : doc(paragraph(`${summary}. This matters because users asked for it repeatedly in the last review.`), ...(index % 2 === 0 ? [heading(3, 'Acceptance criteria'), bulletList(['It works', 'It is documented'])] : []));
  return { summary, description };
}

export function generateScaleDataset(options: ScaleOptions): DatasetInput {
  const { issues: total, epics: epicCount } = options;
  if (!Number.isInteger(total) || total < 1) throw new Error(`issues must be a positive whole number (got ${total})`);
  if (!Number.isInteger(epicCount) || epicCount < 0 || epicCount > total) throw new Error(`epics must be between 0 and issues (got ${epicCount})`);
  const random = seededRandom(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const key = options.projectKey ?? 'TL';
  const texts = options.realTexts === false ? undefined : realTexts(Math.min(total, 23_313));
  const textOf = (index: number): Text => {
    if (texts === undefined || texts.length === 0) return generatedText(index, random);
    const text = texts[index % texts.length] ?? generatedText(index, random);
    return index < texts.length ? text : { ...text, summary: `${text.summary.slice(0, 235)} (copy ${Math.floor(index / texts.length)})` };
  };

  const sprints: DatasetInput['sprints'] = Array.from({ length: CLOSED_SPRINTS + 2 }, (_, i) => {
    const start = START + i * SPRINT_LENGTH;
    const state = i < CLOSED_SPRINTS ? 'closed' : i === CLOSED_SPRINTS ? 'active' : 'future';
    return {
      id: i + 1,
      name: `${key} Sprint ${i + 1}`,
      state,
      boardId: SCALE_BOARD_ID,
      ...(state === 'future' ? {} : { startDate: new Date(start).toISOString(), endDate: new Date(start + SPRINT_LENGTH).toISOString() }),
      ...(state === 'closed' ? { completeDate: new Date(start + SPRINT_LENGTH).toISOString() } : {}),
    };
  });

  const issues: DatasetInput['issues'] = [];
  const doneIds: string[] = [];
  const openIds: string[] = [];
  for (let n = 0; n < total; n += 1) {
    const id = String(100_000 + n);
    const issueKey = `${key}-${n + 1}`;
    const text = textOf(n);
    const created = START + Math.floor(random() * 200) * DAY;
    // What epics and stories alike carry, first in their fields.
    const common = { summary: text.summary, description: text.description, project: { id: SCALE_PROJECT_ID, key } };
    if (n < epicCount) {
      issues.push({
        id,
        key: issueKey,
        fields: {
          ...common,
          issuetype: ISSUE_TYPE.epic,
          status: n % 5 === 0 ? STATUS.done : STATUS.inProgress,
          created: iso(created),
          updated: iso(created + 20 * DAY),
          priority: PRIORITIES[2],
          labels: [],
          resolution: n % 5 === 0 ? { id: '10000' } : null,
          [FIELD.rank]: lexoRank(n),
        },
        ...(n % 5 === 4 ? {} : { properties: { 'throughline.theme': { themeId: THEMES[n % THEMES.length] ?? 'theme-1' } } }),
      });
      continue;
    }
    // Sprint membership: the first 30% of stories are spread over the sprints, the rest is backlog.
    const storyIndex = n - epicCount;
    const inSprint = storyIndex < (total - epicCount) * 0.3;
    const sprintId = inSprint ? 1 + (storyIndex % (CLOSED_SPRINTS + 2)) : undefined;
    const status =
      sprintId === undefined ? pick([STATUS.backlog, STATUS.todo, STATUS.todo, STATUS.inProgress]) : sprintId <= CLOSED_SPRINTS ? STATUS.done : sprintId === CLOSED_SPRINTS + 1 ? pick([STATUS.todo, STATUS.inProgress, STATUS.done]) : STATUS.todo;
    const done = status === STATUS.done;
    (done ? doneIds : openIds).push(id);
    const points = random() < 0.9 ? pick(FIBONACCI) : null;
    const epicNumber = epicCount === 0 || random() < 0.1 ? undefined : Math.floor(random() * epicCount);
    issues.push({
      id,
      key: issueKey,
      fields: {
        ...common,
        issuetype: random() < 0.85 ? ISSUE_TYPE.story : ISSUE_TYPE.task,
        status,
        created: iso(created),
        updated: iso(created + Math.floor(random() * 30) * DAY),
        priority: pick(PRIORITIES),
        labels: random() < 0.2 ? ['customer-request'] : [],
        resolution: done ? { id: '10000' } : null,
        duedate: random() < 0.3 ? new Date(created + Math.floor(random() * 120) * DAY).toISOString().slice(0, 10) : null,
        votes: { votes: Math.floor(random() * 10), hasVoted: false },
        [FIELD.rank]: lexoRank(n),
        [FIELD.storyPointEstimate]: points,
        [FIELD.storyPoints]: points,
        [FIELD.businessValue]: random() < 0.85 ? pick(WSJF_SCALE) : null,
        [FIELD.timeCriticality]: random() < 0.85 ? pick(WSJF_SCALE) : null,
        [FIELD.riskReduction]: random() < 0.8 ? { ...pick(RISK_REDUCTION_OPTIONS) } : null,
        [FIELD.sprint]: sprintId === undefined ? null : [{ id: sprintId }],
        ...(epicNumber === undefined ? {} : { parent: { id: String(100_000 + epicNumber), key: `${key}-${epicNumber + 1}` }, [FIELD.epicLink]: `${key}-${epicNumber + 1}` }),
      },
    });
  }

  // Blockers: a share of stories is blocked by an earlier issue, open or done.
  const share = options.blockerShare ?? 0.05;
  for (let n = epicCount + 1; n < issues.length; n += 1) {
    if (random() >= share) continue;
    const issue = issues[n];
    const pool = random() < 0.5 ? openIds : doneIds;
    const blockerId = pool[Math.floor(random() * pool.length)];
    if (issue === undefined || blockerId === undefined || blockerId === issue.id) continue;
    issue.fields.issuelinks = [{ type: { id: '10000', name: 'Blocks' }, inwardIssue: { id: blockerId } }];
  }

  return {
    siteName: `throughline-scale-${total}`,
    users: Object.values(USERS).map((user) => ({ ...user })),
    projects: [{ id: SCALE_PROJECT_ID, key, name: `Scale ${total}`, style: 'classic', leadAccountId: USERS.pat.accountId }],
    issueTypes: issueTypesFor([]),
    ...SITE_CATALOG,
    boards: [{ id: SCALE_BOARD_ID, name: `${key} board`, type: 'scrum', projectKey: key }],
    sprints,
    permissions: {
      [key]: {
        [USERS.ada.accountId]: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES', 'LINK_ISSUES', 'ADMINISTER_PROJECTS'],
        [USERS.pat.accountId]: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES', 'LINK_ISSUES'],
      },
    },
    issues,
  };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const { values } = parseArgs({
    options: {
      issues: { type: 'string', default: '20000' },
      epics: { type: 'string', default: '200' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      'no-real-texts': { type: 'boolean', default: false },
    },
  });
  const dataset = generateScaleDataset({ issues: Number(values.issues), epics: Number(values.epics), seed: Number(values.seed), realTexts: !values['no-real-texts'] });
  const out = values.out ?? `scale-${values.issues}.json`;
  writeFileSync(out, JSON.stringify(dataset));
  console.log(`wrote ${out}: ${dataset.issues.length} issues`);
}
