/** Shared by the emulator's contract and integration tests: start on the demo data, call as someone. */
import { fileURLToPath } from 'node:url';
import { USERS } from '../../../dev/demo-data/catalog';
import { ACCOUNT_HEADER, AS_APP_HEADER, startJiraEmulator } from '../../../dev/jira-emulator';
import type { JiraEmulator, JiraEmulatorOptions } from '../../../dev/jira-emulator';

export const DEMO_DATASET = fileURLToPath(new URL('../../../dev/demo-data/demo.json', import.meta.url));
export const ADA = USERS.ada.accountId;
export const PAT = USERS.pat.accountId;
export const NICK = USERS.nick.accountId;
/** The demo's "today": in the active sprint. */
export const DEMO_NOW = new Date('2025-11-17T12:00:00.000Z');

export function startDemo(options: Partial<JiraEmulatorOptions> = {}): Promise<JiraEmulator> {
  return startJiraEmulator({ dataset: DEMO_DATASET, now: () => DEMO_NOW, ...options });
}

/** An accountId, or 'app' (asApp), or 'nobody' (no identity headers). */
export type Who = string;

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

export async function call(
  emulator: JiraEmulator,
  method: string,
  path: string,
  options: { as?: Who; body?: unknown; rawBody?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  const who = options.as ?? 'app';
  if (who === 'app') headers[AS_APP_HEADER] = 'true';
  else if (who !== 'nobody') headers[ACCOUNT_HEADER] = who;
  let payload: string | undefined = options.rawBody;
  if (options.body !== undefined) payload = JSON.stringify(options.body);
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${emulator.url}${path}`, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text === '' ? undefined : JSON.parse(text) };
}

/** Every id on every page of a search, following `nextPageToken` to the end. */
export async function searchAll(emulator: JiraEmulator, jql: string, as: Who, extra: Record<string, unknown> = {}): Promise<{ pages: number; issues: Record<string, unknown>[] }> {
  const issues: Record<string, unknown>[] = [];
  let token: string | undefined;
  let pages = 0;
  for (;;) {
    const answer = await call(emulator, 'POST', '/rest/api/3/search/jql', { as, body: { jql, ...extra, ...(token === undefined ? {} : { nextPageToken: token }) } });
    if (answer.status !== 200) throw new Error(`search failed ${answer.status}: ${answer.text}`);
    const page = answer.body as { issues: Record<string, unknown>[]; isLast: boolean; nextPageToken?: string };
    pages += 1;
    issues.push(...page.issues);
    if (page.isLast) return { pages, issues };
    token = page.nextPageToken;
    if (pages > 10_000) throw new Error('paging does not end');
  }
}
