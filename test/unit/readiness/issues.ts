/** Issue builders for readiness tests: a story that passes every default rule, and variations. */
import type { JiraIssue } from '../../../src/domain/jira-issue';

export const READY_DESCRIPTION = {
  type: 'doc',
  version: 1,
  content: [
    {
      type: 'paragraph',
      content: [
        {
          type: 'text',
          text: 'As a product owner, I want to export the ranked backlog as CSV, so that I can share the order with stakeholders who do not use Jira.',
        },
      ],
    },
    { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Acceptance criteria' }] },
    {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'The export has one row per issue.' }] }] },
      ],
    },
  ],
};

export const storyType = { id: '10001', name: 'Story', subtask: false, hierarchyLevel: 0 };
export const epicParent = { id: '100', key: 'TL-1', fields: { summary: 'Exports', issuetype: { name: 'Epic', hierarchyLevel: 1 } } };

export function story(fields: Record<string, unknown> = {}, key = 'TL-10'): JiraIssue {
  return {
    id: key.replace(/\D/g, ''),
    key,
    fields: {
      summary: 'Export the ranked backlog',
      issuetype: storyType,
      customfield_10016: 5,
      description: READY_DESCRIPTION,
      parent: epicParent,
      issuelinks: [],
      updated: '2025-11-01T10:00:00.000+0000',
      ...fields,
    },
  };
}

export function blockedBy(key: string, category: string | undefined, typeName = 'Blocks', inward = 'is blocked by'): unknown {
  return {
    id: `link-${key}`,
    type: { id: '10000', name: typeName, inward, outward: 'blocks' },
    inwardIssue: {
      id: '1',
      key,
      fields: category === undefined ? { status: { name: 'Open' } } : { status: { name: 'X', statusCategory: { key: category } } },
    },
  };
}
