/**
 * Atlassian's personal data reporting API, as @forge/api's `privacy.reportPersonalData` reaches it:
 * `__forge_fetch__({type: 'fpp', provider: 'app', remote: 'stargate'}, '/app/report-accounts',
 * {method: 'POST', body: {accounts: [{accountId, updatedAt}]}})`. Atlassian answers 200 with
 * `{accounts: [{accountId, status}]}` for the accounts the app must act on (`closed`: erase;
 * `updated`: refresh what it cached), 204 when there are none, and takes at most 90 accounts.
 *
 * Which accounts are closed or updated is configured here (`close`, `update`), so that tests and
 * `npm start` can show what the app does with the answer; every request is recorded.
 */
import { z } from 'zod';

/** Atlassian's limit on the accounts of one request (also @forge/api's LIMIT). */
export const REPORT_ACCOUNTS_LIMIT = 90;

export interface AccountReport {
  readonly accountId: string;
  readonly updatedAt: string;
}

export interface PrivacyOptions {
  readonly closedAccounts?: Iterable<string>;
  readonly updatedAccounts?: Iterable<string>;
}

const requestSchema = z.strictObject({
  accounts: z.array(z.strictObject({ accountId: z.string().min(1).max(128), updatedAt: z.iso.datetime({ offset: true }) })).min(1),
});

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export class PrivacyService {
  private readonly closed: Set<string>;
  private readonly updated: Set<string>;
  private readonly received: AccountReport[][] = [];

  constructor(options: PrivacyOptions = {}) {
    this.closed = new Set(options.closedAccounts ?? []);
    this.updated = new Set(options.updatedAccounts ?? []);
  }

  /** From now on Atlassian answers `closed` for the account. */
  close(accountId: string): void {
    this.updated.delete(accountId);
    this.closed.add(accountId);
  }

  /** From now on Atlassian answers `updated` for the account (its profile changed). */
  update(accountId: string): void {
    if (!this.closed.has(accountId)) this.updated.add(accountId);
  }

  /** Every request so far, each the accounts it reported, in order. */
  get reports(): readonly (readonly AccountReport[])[] {
    return this.received;
  }

  async handle(path: string, init: RequestInit | undefined): Promise<Response> {
    if (path !== '/app/report-accounts') return json(404, { message: `No Atlassian API ${path} here.` });
    if ((init?.method ?? 'GET').toUpperCase() !== 'POST') return json(405, { message: 'POST the accounts to report.' });
    let body: unknown;
    try {
      body = JSON.parse(typeof init?.body === 'string' ? init.body : await new Response(init?.body).text());
    } catch {
      return json(400, { message: 'The body is not JSON.' });
    }
    const parsed = requestSchema.safeParse(body);
    if (!parsed.success) return json(400, { message: `The body must be {accounts: [{accountId, updatedAt}]}: ${parsed.error.issues[0]?.message ?? 'invalid'}.` });
    const { accounts } = parsed.data;
    if (accounts.length > REPORT_ACCOUNTS_LIMIT) return json(400, { message: `At most ${String(REPORT_ACCOUNTS_LIMIT)} accounts a request (got ${String(accounts.length)}).` });
    this.received.push(accounts.map(({ accountId, updatedAt }) => ({ accountId, updatedAt })));
    const answers = accounts.flatMap(({ accountId }) => (this.closed.has(accountId) ? [{ accountId, status: 'closed' }] : this.updated.has(accountId) ? [{ accountId, status: 'updated' }] : []));
    return answers.length === 0 ? new Response(null, { status: 204 }) : json(200, { accounts: answers });
  }
}
