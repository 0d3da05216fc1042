/**
 * The Deep-SE dataset beside the repository (../shared/jira/datasets/deep-se), converted to
 * Jira Cloud v3 issues. Skipped, with a message, only when the dataset is not there.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deepSeDir, loadDeepSeIssues } from '../../../dev/datasets/deep-se';
import type { AdfBlock, AdfDoc } from '../../../dev/datasets/adf';
import { isRecord, issueTypeOf, numberFieldOf, statusCategoryOf } from '../../../src/domain/jira-issue';
import type { JiraIssue } from '../../../src/domain/jira-issue';
import { checkAdf } from './adf-validity';

const dir = deepSeDir();
const absent = dir === undefined;
if (absent) console.warn('Deep-SE dataset not found at ../shared/jira/datasets/deep-se: the dataset tests are skipped.');

/** Every block and inline node, depth first, without recursion. */
function nodesOf(doc: unknown): Record<string, unknown>[] {
  const nodes: Record<string, unknown>[] = [];
  const pending: unknown[] = [doc];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!isRecord(node)) continue;
    nodes.push(node);
    if (Array.isArray(node.content)) pending.push(...[...(node.content as unknown[])].reverse());
  }
  return nodes;
}

function plainText(node: unknown): string {
  return nodesOf(node).map((child) => (typeof child.text === 'string' ? child.text : '')).join('');
}

function descriptionOf(issue: JiraIssue | undefined): AdfDoc {
  const description = issue?.fields.description;
  expect(checkAdf(description).problems).toEqual([]);
  return description as AdfDoc;
}

interface AnyNode {
  readonly type: string;
  readonly attrs?: { readonly level?: number };
  readonly content: readonly AnyNode[];
}

function blocksOf(doc: AdfDoc, type: AdfBlock['type']): AnyNode[] {
  return nodesOf(doc).filter((node) => node.type === type) as unknown as AnyNode[];
}

const childrenOf = (node: unknown): readonly AnyNode[] => (node as AnyNode | undefined)?.content ?? [];

describe('deepSeDir', () => {
  it.runIf(absent)('says that the dataset is absent', () => {
    expect(dir).toBeUndefined();
  });

  it.skipIf(absent)('finds the dataset beside the repository', () => {
    expect(dir).toMatch(/shared\/jira\/datasets\/deep-se$/);
  });

  it('refuses a folder that does not exist', () => {
    expect(() => loadDeepSeIssues({ dir: '/nonexistent/deep-se' })).toThrow(/Deep-SE dataset is not there/);
  });
});

describe.skipIf(absent)('real issues from the Deep-SE CSVs', () => {
  let byKey: Map<string, JiraIssue>;
  beforeAll(() => {
    byKey = new Map(loadDeepSeIssues({ projects: ['MDL', 'aptanastudio', 'MESOS', 'USERGRID', 'timob', 'TISTUD'] }).map((issue) => [issue.key, issue]));
  });

  it('reads a || header and | cell table (MDL-44040, keyboard shortcuts)', () => {
    const tables = blocksOf(descriptionOf(byKey.get('MDL-44040')), 'table');
    expect(tables).toHaveLength(1);
    const table = tables[0];
    if (table === undefined) return;
    expect(table.content[0]?.content.map((cell) => [cell.type, plainText(cell)])).toEqual([
      ['tableHeader', 'PC'], ['tableHeader', 'MAC'], ['tableHeader', 'Action'], ['tableHeader', 'Browser responsible'],
    ]);
    expect(table.content.length).toBeGreaterThanOrEqual(11);
    expect(table.content[1]?.content.map(plainText)).toEqual(['ctrl + A', '⌘ + A', 'Select all', '(/)']);
    expect(JSON.stringify(table.content[1]?.content[0])).toContain('"marks":[{"type":"strong"}]');
  });

  it('reads headings, a bullet list, monospace and a noformat block (MESOS-3294)', () => {
    const doc = descriptionOf(byKey.get('MESOS-3294'));
    expect(blocksOf(doc, 'heading').map((heading) => [heading.attrs?.level, plainText(heading)])).toEqual([
      [2, 'UserCgroupIsolatorTest'], [2, 'Steps to Reproduce'],
    ]);
    expect(blocksOf(doc, 'bulletList').map((list) => list.content.map(plainText))).toEqual([['fix;', 'remove; OR', 'redesign.']]);
    expect(plainText(blocksOf(doc, 'codeBlock')[0])).toContain('751 tests from 114 test cases ran');
    expect(nodesOf(doc).some((node) => node.text === 'fb93d93' && JSON.stringify(node.marks) === '[{"type":"code"}]')).toBe(true);
  });

  it('reads h1./h2. headings and nested numbered lists (USERGRID-273)', () => {
    const doc = descriptionOf(byKey.get('USERGRID-273'));
    const headings = blocksOf(doc, 'heading').map((heading) => `h${heading.attrs?.level ?? 0} ${plainText(heading)}`);
    expect(headings.slice(0, 4)).toEqual(['h1 Test Execution Environments', 'h2 Parallel Execution', 'h2 Serial Execution', 'h1 External resources']);
    const nested = blocksOf(doc, 'orderedList').find((list) => JSON.stringify(list).includes('"type":"orderedList","attrs":{"order":1},"content":[{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"Create default'));
    expect(nested).toBeDefined();
  });

  it('reads a code block and a numbered list after it (APSTUD-190)', () => {
    const doc = descriptionOf(byKey.get('APSTUD-190'));
    expect(doc.content.map((block) => block.type)).toEqual(['paragraph', 'codeBlock', 'paragraph', 'paragraph', 'orderedList']);
    expect(plainText(doc.content[1])).toMatch(/^<\?php\n/);
    expect(childrenOf(doc.content[4]).map(plainText)).toEqual([
      'Attempt to replicate', 'Check to see if the item is fixed in 5.4, or in a newer version of the 5.3 parsers', "If not in our code and can't be fixed, link to PDT issue referencing the problem",
    ]);
  });

  it('keeps a code block inside the numbered step it belongs to (TIMOB-15104)', () => {
    const doc = descriptionOf(byKey.get('TIMOB-15104'));
    const steps = blocksOf(doc, 'orderedList')[0];
    expect(steps?.content).toHaveLength(4);
    expect(childrenOf(steps?.content[0]).map((block) => block.type)).toEqual(['paragraph', 'codeBlock']);
  });

  it('reads a {quote} and a [text|url] link (TIMOB-19502)', () => {
    const doc = descriptionOf(byKey.get('TIMOB-19502'));
    expect(doc.content.map((block) => block.type)).toEqual(['paragraph', 'blockquote']);
    expect(JSON.stringify(doc.content[0])).toContain('{"type":"text","text":"TIMOB-19401","marks":[{"type":"link","attrs":{"href":"https://jira.appcelerator.org/browse/TIMOB-19401"}}]}');
  });

  it('reads HTML: a link, a blockquote with a bullet list (APSTUD-23), an ordered list (APSTUD-612)', () => {
    const quoted = descriptionOf(byKey.get('APSTUD-23'));
    expect(quoted.content.map((block) => block.type)).toEqual(['paragraph', 'blockquote']);
    expect(JSON.stringify(quoted.content[0])).toContain('"text":"Tender issue #49","marks":[{"type":"link"');
    expect(blocksOf(quoted, 'bulletList')[0]?.content).toHaveLength(5);
    for (const key of ['APSTUD-23', 'APSTUD-612', 'APSTUD-1978', 'TISTUD-6']) {
      expect(JSON.stringify(byKey.get(key)?.fields.description)).not.toMatch(/<\/?(?:p|div|ul|ol|li|pre|code|br|blockquote|a)\b/);
    }
    const steps = blocksOf(descriptionOf(byKey.get('APSTUD-612')), 'orderedList')[0];
    expect(childrenOf(steps).map(plainText)).toEqual(['Open a JS editor', 'type: for', 'type a tab', expect.stringMatching(/^Allow enough time/), 'type: 2']);
  });

  it('reads HTML <pre><code> with entities into a code block (TISTUD-6)', () => {
    const doc = descriptionOf(byKey.get('TISTUD-6'));
    expect(doc.content.map((block) => block.type)).toEqual(['paragraph', 'codeBlock']);
    expect(plainText(doc.content[1])).toBe('Ti.UI.createLabel( { <property-ca-here> } );');
  });
});

describe.skipIf(absent)('the whole dataset', () => {
  let issues: JiraIssue[];
  let loadMs: number;
  beforeAll(() => {
    const started = performance.now();
    issues = loadDeepSeIssues();
    loadMs = performance.now() - started;
    console.info(`Deep-SE: ${issues.length} issues loaded and converted in ${(loadMs / 1000).toFixed(2)} s`);
  });

  it('loads all 23,313 issues in a few seconds', () => {
    expect(issues).toHaveLength(23_313);
    // Budget for a shared CI machine; it takes about 2.5 s alone.
    expect(loadMs).toBeLessThan(20_000);
  });

  it('gives every issue the v3 shape, with stable numeric ids and unique keys', () => {
    expect(new Set(issues.map((issue) => issue.id)).size).toBe(issues.length);
    expect(new Set(issues.map((issue) => issue.key)).size).toBe(issues.length);
    const projects = new Set<string>();
    const problems: string[] = [];
    // Plain checks, not one expect per field: 23,313 issues would make the test slow.
    for (const issue of issues) {
      const fields = issue.fields;
      const type = issueTypeOf(fields);
      const points = fields.customfield_10016;
      const project = fields.project as { id: string; key: string; name: string };
      const wrong = [
        !/^\d+$/.test(issue.id) && 'id',
        // jirasoftware.csv holds GHS-… and JSW-… keys: a renamed project keeps its old keys.
        !/^[A-Z][A-Z0-9_]*-\d+$/.test(issue.key) && 'key',
        (typeof fields.summary !== 'string' || fields.summary === '') && 'summary',
        (type?.name !== 'Story' || type.hierarchyLevel !== 0 || type.subtask || type.id !== '10001') && 'issuetype',
        statusCategoryOf(fields) === undefined && 'status',
        points !== null && numberFieldOf(fields, 'customfield_10016') === undefined && 'story points',
        (!Array.isArray(fields.labels) || fields.labels.length > 0 || !Array.isArray(fields.issuelinks)) && 'labels/links',
        !(Date.parse(fields.updated as string) >= Date.parse(fields.created as string)) && 'dates',
        !/^\d+$/.test(project.id) && 'project',
      ].filter((name) => name !== false);
      if (wrong.length > 0) problems.push(`${issue.key}: ${wrong.join(', ')}`);
      projects.add(project.key);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(projects.size).toBe(16);
  });

  it('converts every description to valid ADF, or null for NULL and blank ones', () => {
    let empty = 0;
    for (const issue of issues) {
      const description = issue.fields.description;
      if (description === null) {
        empty++;
        continue;
      }
      const check = checkAdf(description);
      if (check.problems.length > 0) throw new Error(`${issue.key}: ${check.problems.join('; ')}`);
    }
    expect(empty).toBeGreaterThan(2_000);
    expect(empty).toBeLessThan(3_000);
  });

  it('is mostly to do, some in progress, some done', () => {
    const counts = { new: 0, indeterminate: 0, done: 0 };
    for (const issue of issues) {
      const category = statusCategoryOf(issue.fields);
      if (category !== undefined) counts[category]++;
    }
    expect(counts.new / issues.length).toBeGreaterThan(0.6);
    expect(counts.indeterminate).toBeGreaterThan(0);
    expect(counts.done).toBeGreaterThan(0);
  });

  it('is deterministic, and honours limit and projects (by key or file name)', () => {
    const again = loadDeepSeIssues({ limit: 300 });
    expect(again).toEqual(issues.slice(0, 300));
    const mesos = loadDeepSeIssues({ projects: ['mesos'], limit: 5 });
    expect(mesos.map((issue) => issue.key.split('-')[0])).toEqual(['MESOS', 'MESOS', 'MESOS', 'MESOS', 'MESOS']);
    expect(mesos).toEqual(loadDeepSeIssues({ projects: ['MESOS'], limit: 5 }));
    expect(mesos[0]).toEqual(issues.find((issue) => issue.key === mesos[0]?.key));
    expect(loadDeepSeIssues({ limit: 0 })).toEqual([]);
  });
});
