/**
 * The weekly personal data report (Atlassian's user privacy guide for Forge apps): every account
 * id the app holds is reported to Atlassian, and what the app holds of an account Atlassian
 * answers `closed` is erased or anonymised. An `updated` answer needs nothing: the app keeps no
 * names, e-mail addresses or avatars that could go stale.
 *
 * The work goes one page of projects (at most 20) at a time, so that an invocation stays far
 * inside Forge's time limit however many projects the site has; the caller hands the cursor on
 * through the queue. Everything is idempotent: a page run twice (a scheduled trigger can fire
 * twice, a queue delivers at least once) reports again and erases nothing more.
 */
import type { HeldAccount, PersonalDataStore } from '../storage';

/** What Atlassian answers for an account that needs the app to act; accounts not named need nothing. */
export interface AccountStatus {
  readonly accountId: string;
  readonly status: 'closed' | 'updated';
}

/** Atlassian's personal data reporting API (`privacy.reportPersonalData` of @forge/api), as a port. */
export interface PersonalDataReporter {
  /** At most REPORT_BATCH accounts a call. */
  report(accounts: readonly HeldAccount[]): Promise<readonly AccountStatus[]>;
}

/** Atlassian takes at most 90 accounts a request. */
export const REPORT_BATCH = 90;

export interface PersonalDataPage {
  readonly projects: number;
  readonly reported: number;
  readonly closed: number;
  /** Records rewritten without a closed account. */
  readonly erased: number;
  /** Records left for the next weekly run (a recompute was running on them). */
  readonly deferred: number;
  /** Where the next page starts; undefined when this was the last. */
  readonly next?: string;
}

/** Reports the accounts of one page of projects and erases the closed ones from those projects. */
export async function reportPersonalDataPage(store: PersonalDataStore, reporter: PersonalDataReporter, cursor?: string): Promise<PersonalDataPage> {
  const page = await store.projects(cursor);
  const held = await Promise.all(page.projectIds.map(async (projectId) => ({ projectId, accounts: await store.accountsIn(projectId) })));

  // Each account once, with the latest time any project stored it.
  const accounts = new Map<string, string>();
  for (const { accounts: inProject } of held) {
    for (const { accountId, updatedAt } of inProject) {
      const known = accounts.get(accountId);
      if (known === undefined || known < updatedAt) accounts.set(accountId, updatedAt);
    }
  }
  const reported = [...accounts].map(([accountId, updatedAt]) => ({ accountId, updatedAt }));

  const closed = new Set<string>();
  for (let start = 0; start < reported.length; start += REPORT_BATCH) {
    const batch = reported.slice(start, start + REPORT_BATCH);
    const sent = new Set(batch.map((account) => account.accountId));
    for (const answer of await reporter.report(batch)) {
      // Only what was asked about: an answer naming another account is not acted on.
      if (answer.status === 'closed' && sent.has(answer.accountId)) closed.add(answer.accountId);
    }
  }

  let erased = 0;
  let deferred = 0;
  for (const { projectId, accounts: inProject } of held) {
    const here = new Set(inProject.map((account) => account.accountId).filter((accountId) => closed.has(accountId)));
    if (here.size === 0) continue;
    const result = await store.erase(projectId, here);
    erased += result.records;
    deferred += result.deferred;
  }

  const outcome = { projects: page.projectIds.length, reported: reported.length, closed: closed.size, erased, deferred };
  return page.cursor === undefined ? outcome : { ...outcome, next: page.cursor };
}
