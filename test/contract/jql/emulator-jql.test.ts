/**
 * The emulator refuses every JQL that Atlassian's grammar refuses, with Jira's 400 answer
 * (`{ errorMessages: [...], errors: {} }`), so that a query the real Jira would reject cannot pass
 * the project's own tests. The corpus: Atlassian's own valid and invalid queries shipped with
 * @atlaskit/jql-parser (test-utils/data), the queries the app emits, and hand-written mistakes.
 * The emulator may refuse a valid query it does not support; it may never accept an invalid one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JiraEmulator } from '../../../dev/jira-emulator';
import { JqlError } from '../../../dev/jira-emulator/jql/jql-error';
import { parseJql } from '../../../dev/jira-emulator/jql/parse';
import { customField, dateField } from '../../../src/jira/jql';
import * as queries from '../../../src/services/queries';
import { THEME_PROPERTY_KEY } from '../../../src/services/site-fields';
import { call, PAT, startDemo } from '../../integration/emulator/support';
import { grammarErrors } from './grammar';

const dataDir = join(dirname(createRequire(import.meta.url).resolve('@atlaskit/jql-parser/package.json')), 'test-utils', 'data');
const atlassian = readdirSync(dataDir).flatMap((file) => {
  const data = JSON.parse(readFileSync(join(dataDir, file), 'utf8')) as { valid?: string[]; invalid?: string[] };
  return [...(data.valid ?? []), ...(data.invalid ?? [])];
});

const score = customField('customfield_10100');
if (score === undefined) throw new Error('unreachable');
const appQueries: string[] = [
  queries.projectJql('10000'),
  queries.projectJql('10000', { open: true, after: 'TL-5' }),
  queries.projectCountJql('10000', { open: true }),
  queries.recentlyUpdatedJql('10000'),
  queries.epicsJql('10000', 'TL-1'),
  queries.issuesByKeyJql(['TL-1', 'ORDER-2', 'AND-3']),
  queries.childrenJql('TL-1', '10000'),
  queries.sprintJql(1),
  queries.projectSprintJql('10000', 7),
  queries.sprintByKeyJql(1, ['TL-1', 'TL-20']),
  queries.sprintDoneJql(2),
  queries.sprintDoneByKeyJql(2, ['TL-3', 'TL-4']),
  queries.indexedEpicsJql('10000', THEME_PROPERTY_KEY),
  queries.securedIssuesJql('10000'),
  queries.scoredJql('10000', score),
  queries.scoredAboveJql('10000', score, 1e-7),
  queries.dateWindowsJql('10000', [
    { field: dateField('duedate') ?? score, from: '2026-03-04', before: '2026-03-05' },
    { field: dateField('updated') ?? score, before: '2026-01-31' },
  ]),
];

const handWritten = [
  'project = TL AND',
  'project = TL OR',
  'AND project = TL',
  'project = TL AND AND key = TL-1',
  'labels in ()',
  'labels not in ()',
  'labels in (a,)',
  'labels in (,a)',
  'labels in a',
  'labels = (a, b)',
  'summary ~ "unbalanced',
  "summary ~ 'unbalanced",
  'summary ~ "a" "b"',
  'labels = "tab\there"',
  'labels = "\\q"',
  'labels = "\u0001"',
  'labels = a"b',
  'project = TL ORDER BY',
  'project = TL ORDER key',
  'project = TL ORDER BY key,',
  'project = TL ORDER BY key ASC DESC',
  '(project = TL',
  'project = TL)',
  'project = TL AND ()',
  'project = TL AND NOT',
  'project == TL',
  'project = ',
  '= TL',
  'project = TL key = TL-1',
  'project = TL AND limit = 5',
  'project = select',
  'cf[abc] = 1',
  'cf[10016 = 1',
  'issue.property[a.b = 1',
  'project is TL',
  'project in EMPTY',
  'key > TL-1 AND',
];

const corpus = [...new Set([...atlassian, ...appQueries, ...handWritten])];

describe('the emulator\'s JQL against Atlassian\'s grammar', () => {
  let emulator: JiraEmulator;
  beforeAll(async () => {
    emulator = await startDemo();
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('the corpus holds both kinds, the app\'s queries among the valid', () => {
    const refused = corpus.filter((query) => grammarErrors(query).length > 0);
    expect(refused.length).toBeGreaterThan(400);
    expect(corpus.length - refused.length).toBeGreaterThan(200);
    for (const query of [...appQueries]) expect(grammarErrors(query)).toEqual([]);
    for (const query of handWritten) expect(grammarErrors(query), query).not.toEqual([]);
  });

  it('its parser refuses every query the grammar refuses, whatever the data (not only by luck of a missing field)', () => {
    const parsed: string[] = [];
    for (const query of corpus.filter((candidate) => grammarErrors(candidate).length > 0)) {
      try {
        parseJql(query);
        parsed.push(query);
      } catch (error) {
        expect(error).toBeInstanceOf(JqlError);
      }
    }
    expect(parsed).toEqual([]);
  });

  it('refuses every query the grammar refuses, for a search and a count, with Jira\'s 400', async () => {
    const accepted: string[] = [];
    for (const query of corpus.filter((candidate) => grammarErrors(candidate).length > 0)) {
      for (const path of ['/rest/api/3/search/jql', '/rest/api/3/search/approximate-count']) {
        const answer = await call(emulator, 'POST', path, { as: PAT, body: { jql: query } });
        if (answer.status !== 400) {
          accepted.push(`${path} ${JSON.stringify(query)} → ${answer.status}`);
          continue;
        }
        expect(answer.body).toEqual({ errorMessages: [expect.stringMatching(/\S/)], errors: {} });
      }
    }
    expect(accepted).toEqual([]);
  });

  it('still answers the app\'s own queries', async () => {
    for (const query of appQueries) {
      const answer = await call(emulator, 'POST', '/rest/api/3/search/jql', { as: PAT, body: { jql: query } });
      expect([200, 400], query).toContain(answer.status);
      // A 400 here may only be about meaning (a project or sprint the demo lacks), never syntax.
      if (answer.status === 400) expect(JSON.stringify(answer.body), query).not.toMatch(/Error in the JQL Query/);
    }
  });
});
