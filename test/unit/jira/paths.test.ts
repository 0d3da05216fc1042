import { describe, expect, it } from 'vitest';
import { UnsafePathError, assertSafeJiraPath, jiraPath, jiraQuery } from '../../../src/jira/paths';

describe('jiraPath', () => {
  it('builds plain paths and encodes values', () => {
    expect(jiraPath`/rest/api/3/issue/${'TL-1'}`).toBe('/rest/api/3/issue/TL-1');
    expect(jiraPath`/rest/api/3/issue/${10002}/properties/${'issue.support'}`).toBe('/rest/api/3/issue/10002/properties/issue.support');
    expect(jiraPath`/rest/api/3/issue/${'a b&c=d'}`).toBe('/rest/api/3/issue/a%20b%26c%3Dd');
    expect(jiraPath`/rest/api/3/issue/${'ключ'}`).toBe('/rest/api/3/issue/%D0%BA%D0%BB%D1%8E%D1%87');
    // A literal percent sign is data, not an escape: it cannot smuggle in "%2e%2e".
    expect(jiraPath`/rest/api/3/issue/${'100%'}`).toBe('/rest/api/3/issue/100%25');
  });

  it.each([
    ['a slash', 'TL-1/../../admin'],
    ['a plain slash', 'a/b'],
    ['a backslash', 'a\\b'],
    ['a question mark', 'TL-1?expand=x'],
    ['a hash', 'TL-1#x'],
    ['two dots', '..'],
    ['two dots inside', 'a..b'],
    ['encoded dots', '%2e%2e'],
    ['mixed encoded dots', '.%2E'],
    ['one dot (same directory)', '.'],
    ['an empty value (double slash)', ''],
  ])('refuses a path value with %s', (_label, value) => {
    expect(() => jiraPath`/rest/api/3/issue/${value}/properties`).toThrow(UnsafePathError);
  });

  it('refuses non-finite numbers, lone surrogates and non-string values', () => {
    expect(() => jiraPath`/rest/agile/1.0/board/${Number.NaN}/sprint`).toThrow(UnsafePathError);
    expect(() => jiraPath`/rest/agile/1.0/board/${Number.POSITIVE_INFINITY}/sprint`).toThrow(UnsafePathError);
    expect(() => jiraPath`/rest/api/3/issue/${'\uD800'}`).toThrow(UnsafePathError);
    expect(() => jiraPath`/rest/api/3/issue/${null as unknown as string}`).toThrow(UnsafePathError);
    expect(() => jiraPath`/rest/api/3/issue/${jiraQuery({ a: 1 })}`).toThrow(/only follow the `\?`/);
  });

  it('encodes query values after the ? instead of refusing them', () => {
    expect(jiraPath`/rest/api/3/issue/${'TL-1'}?fields=${'summary,status'}`).toBe('/rest/api/3/issue/TL-1?fields=summary%2Cstatus');
    expect(jiraPath`/rest/api/3/x?q=${'a/b?c#d'}`).toBe('/rest/api/3/x?q=a%2Fb%3Fc%23d');
    const query = jiraQuery({ projectKeyOrId: 'TL', type: undefined, startAt: 0, state: ['active', 'future'], flag: true });
    expect(jiraPath`/rest/agile/1.0/board?${query}`).toBe('/rest/agile/1.0/board?projectKeyOrId=TL&startAt=0&state=active%2Cfuture&flag=true');
  });

  it('only builds paths under /rest/', () => {
    expect(() => jiraPath`/secure/${'x'}`).toThrow(UnsafePathError);
  });
});

describe('assertSafeJiraPath (the Forge adapter re-check)', () => {
  it('accepts what jiraPath builds', () => {
    const path = jiraPath`/rest/api/3/issue/${'TL 1'}?${jiraQuery({ fields: ['a', 'b'] })}`;
    expect(assertSafeJiraPath(path)).toBe(path);
  });

  it.each([
    '/rest/api/3/issue/../../admin',
    '/rest/api/3/issue/./x',
    '/rest/api/3//issue',
    '/rest/api/3/issue/%2e%2e/admin',
    '/rest/api/3/issue/a%2Fb',
    '/rest/api/3/issue/a%5cb',
    '/rest/api/3/issue/a\\b',
    '/rest/api/3/issue/TL-1#frag',
    '/rest/api/3/issue/TL 1',
    'https://evil.example/rest/api/3/issue',
    '//evil.example/rest',
    '/wiki/rest/api/content',
    '/rest/api/3/search?jql=a b',
  ])('refuses %s', (path) => {
    expect(() => assertSafeJiraPath(path)).toThrow(UnsafePathError);
  });
});
