/**
 * The Deep-SE story point dataset (Choetkiertikul et al., 2018; 16 open projects) read into
 * Jira Cloud v3 issue shapes, with a tally of what the descriptions were.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { JiraIssue } from '../../src/domain/jira-issue';
import { isRecord } from '../../src/domain/jira-issue';
import { descriptionToAdf } from './description-to-adf';
import type { DescriptionFormat } from './description-to-adf';
import { unitOf } from './pseudo-random';

export const STORY_POINTS_FIELD = 'customfield_10016';

export interface DeepSeProject {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  readonly file: string;
}

export interface DeepSeReadOptions {
  readonly dir: string;
  /** At most this many issues in all, in file order. */
  readonly limit?: number;
  /** Project keys ("MESOS") or file names without .csv ("mesos"), any case. */
  readonly projects?: readonly string[];
}

export interface ProjectTally {
  readonly project: DeepSeProject;
  issues: number;
  readonly formats: Record<DescriptionFormat, number>;
}

export interface DeepSeRead {
  readonly issues: JiraIssue[];
  readonly projects: ProjectTally[];
}

const PROJECT_NAMES: Readonly<Record<string, string>> = {
  appceleratorstudio: 'Appcelerator Studio',
  aptanastudio: 'Aptana Studio',
  bamboo: 'Bamboo',
  clover: 'Clover',
  datamanagement: 'Data Management',
  duracloud: 'DuraCloud',
  jirasoftware: 'Jira Software',
  mesos: 'Mesos',
  moodle: 'Moodle',
  mule: 'Mule',
  mulestudio: 'Mule Studio',
  springxd: 'Spring XD',
  talenddataquality: 'Talend Data Quality',
  talendesb: 'Talend ESB',
  titanium: 'Titanium',
  usergrid: 'Usergrid',
};

const STATUSES = {
  new: { name: 'To Do', id: '10000', statusCategory: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' } },
  indeterminate: { name: 'In Progress', id: '3', statusCategory: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' } },
  done: { name: 'Done', id: '10001', statusCategory: { id: 3, key: 'done', colorName: 'green', name: 'Done' } },
} as const;

const STORY_TYPE = { id: '10001', name: 'Story', hierarchyLevel: 0, subtask: false } as const;
const DAY = 86_400_000;
const EPOCH = Date.UTC(2024, 0, 1);

/** Mostly to do, some in progress, a few done: a backlog, not an archive. */
function statusOf(key: string): (typeof STATUSES)[keyof typeof STATUSES] {
  const roll = unitOf(key, 'status');
  if (roll < 0.7) return STATUSES.new;
  if (roll < 0.88) return STATUSES.indeterminate;
  return STATUSES.done;
}

function storyPointsOf(raw: string): number | null {
  const points = raw.trim() === '' ? Number.NaN : Number(raw);
  return Number.isFinite(points) ? points : null;
}

/** The project key of a CSV, from its first issue key, without parsing the whole file. */
function projectKeyOf(content: string): string | undefined {
  return /\n"?([A-Z][A-Z0-9_]*)-\d+"?,/.exec(content.slice(0, 4_096))?.[1];
}

interface CsvRow {
  readonly issuekey: string;
  readonly title: string;
  readonly description: string;
  readonly storypoint: string;
}

function isCsvRow(row: unknown): row is CsvRow {
  return isRecord(row) && ['issuekey', 'title', 'description', 'storypoint'].every((column) => typeof row[column] === 'string');
}

/**
 * A numeric id that stays the same whatever is loaded: the file's place in the folder, the key
 * prefix's order of appearance in the file (jirasoftware.csv holds GHS-… and JSW-… keys, as a
 * renamed Jira project does), and the issue number.
 */
function idOf(key: string, fileNumber: number, prefixes: Map<string, number>, fallback: number): string {
  const match = /^(.*)-(\d+)$/.exec(key);
  const prefix = match?.[1] ?? '';
  let ordinal = prefixes.get(prefix);
  if (ordinal === undefined) {
    ordinal = prefixes.size;
    prefixes.set(prefix, ordinal);
  }
  const number = Number(match?.[2] ?? fallback) % 10_000_000;
  return String(fileNumber * 1_000_000_000 + ordinal * 10_000_000 + number);
}

function issueOf(row: CsvRow, project: DeepSeProject, id: string, tally: ProjectTally): JiraIssue {
  const key = row.issuekey.trim();
  const created = EPOCH + Math.floor(unitOf(key, 'created') * 365 * DAY);
  const updated = created + Math.floor(unitOf(key, 'updated') * 120 * DAY);
  const description = descriptionToAdf(row.description, { flattenedLineBreaks: true });
  tally.formats[description.format]++;
  tally.issues++;
  return {
    id,
    key,
    fields: {
      summary: row.title.trim(),
      description: description.doc,
      issuetype: { ...STORY_TYPE },
      status: statusOf(key),
      project: { id: project.id, key: project.key, name: project.name },
      [STORY_POINTS_FIELD]: storyPointsOf(row.storypoint),
      labels: [],
      issuelinks: [],
      created: new Date(created).toISOString(),
      updated: new Date(updated).toISOString(),
    },
  };
}

export function readDeepSe(options: DeepSeReadOptions): DeepSeRead {
  const files = readdirSync(options.dir).filter((file) => file.endsWith('.csv')).sort();
  const wanted = options.projects === undefined ? undefined : new Set(options.projects.map((project) => project.toLowerCase()));
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const issues: JiraIssue[] = [];
  const projects: ProjectTally[] = [];

  for (const [index, file] of files.entries()) {
    if (issues.length >= limit) break;
    const stem = basename(file, '.csv');
    const content = readFileSync(join(options.dir, file), 'utf8');
    const key = projectKeyOf(content) ?? stem.toUpperCase();
    if (wanted !== undefined && !wanted.has(stem.toLowerCase()) && !wanted.has(key.toLowerCase())) continue;
    // Ids stay the same whichever projects are loaded: they come from the file's place in the folder.
    const project: DeepSeProject = { id: String(10_001 + index), key, name: PROJECT_NAMES[stem] ?? stem, file };
    const tally: ProjectTally = { project, issues: 0, formats: { html: 0, wiki: 0, empty: 0 } };
    projects.push(tally);
    const to = Number.isFinite(limit) ? limit - issues.length : undefined;
    const rows: unknown[] = parse(content, { columns: true, skip_empty_lines: true, to });
    const prefixes = new Map<string, number>();
    for (const row of rows) {
      if (issues.length >= limit) break;
      if (!isCsvRow(row)) continue;
      const id = idOf(row.issuekey.trim(), 10 + index, prefixes, tally.issues);
      issues.push(issueOf(row, project, id, tally));
    }
  }
  return { issues, projects };
}
