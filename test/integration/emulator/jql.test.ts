/** The JQL parser on its own: the tree it builds, and that no input makes it do anything but answer or refuse. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JqlError } from '../../../dev/jira-emulator/jql/jql-error';
import { parseJql } from '../../../dev/jira-emulator/jql/parse';

describe('parseJql', () => {
  it('builds AND/OR/NOT trees with the usual precedence, and ORDER BY items', () => {
    const query = parseJql('project = TL AND NOT statusCategory = Done OR parent in (TL-1, "TL-2") ORDER BY cf[10016] DESC, key');
    expect(query.where).toMatchObject({
      kind: 'or',
      children: [
        { kind: 'and', children: [{ kind: 'clause', fieldText: 'project', operator: '=' }, { kind: 'not', child: { kind: 'clause', fieldText: 'statusCategory' } }] },
        { kind: 'clause', field: { kind: 'name', name: 'parent' }, operator: 'in', operand: { kind: 'list', values: [{ text: 'TL-1' }, { kind: 'string', text: 'TL-2' }] } },
      ],
    });
    expect(query.orderBy).toEqual([
      { field: { kind: 'cf', id: '10016' }, fieldText: 'cf[10016]', direction: 'desc' },
      { field: { kind: 'name', name: 'key' }, fieldText: 'key', direction: 'asc' },
    ]);
  });

  it('reads functions, EMPTY, IS NOT, NOT IN and property paths', () => {
    expect(parseJql('sprint in openSprints()').where).toMatchObject({ operand: { kind: 'function', name: 'openSprints', args: [] } });
    expect(parseJql('resolution is not EMPTY').where).toMatchObject({ operator: 'is not', operand: { kind: 'empty' } });
    expect(parseJql('labels not in (a, b)').where).toMatchObject({ operator: 'not in' });
    expect(parseJql('issue.property[throughline.theme].themeId = "t-1"').where).toMatchObject({ field: { kind: 'property', key: 'throughline.theme', path: ['themeId'] } });
    expect(parseJql('customfield_10050 >= 2 && labels = x').where).toMatchObject({ kind: 'and' });
  });

  it('reports positions as Jira does', () => {
    expect(() => parseJql('project = TL AND')).toThrow(/line 1, character 17/);
    expect(() => parseJql('project TL')).toThrow(/Expecting operator but got 'TL'/);
  });

  it('never throws anything but JqlError, whatever the input', () => {
    const pieces = fc.constantFrom('project', '=', '!=', '(', ')', ',', 'AND', 'OR', 'NOT', 'in', 'is', 'EMPTY', '"x y"', "'q'", 'cf[10016]', 'issue.property[a.b].c', '[', ']', 'ORDER', 'BY', 'DESC', '>=', '~', 'openSprints()', '12', 'TL-1', '\\', '"');
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join(' '))), (jql) => {
        try {
          parseJql(jql);
        } catch (error) {
          expect(error).toBeInstanceOf(JqlError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('bounds nesting and length instead of recursing without end', () => {
    expect(() => parseJql(`${'NOT '.repeat(10_000)}project = TL`)).toThrow(JqlError);
    expect(() => parseJql(`${'('.repeat(10_000)}project = TL${')'.repeat(10_000)}`)).toThrow(/too/);
    expect(() => parseJql('x'.repeat(30_000))).toThrow(/too long/);
  });
});
