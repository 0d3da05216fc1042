/** Who may change the vision, the themes and the attachment of epics to themes. */
import type { Strategy } from './model';

export interface StrategyEditor {
  readonly accountId: string;
  /** From Jira's project permissions (ADMINISTER_PROJECTS), checked by the caller as the user. */
  readonly isProjectAdmin: boolean;
}

export function canEditStrategy(user: StrategyEditor, strategy: Pick<Strategy, 'productManagers'>): boolean {
  return user.isProjectAdmin || (strategy.productManagers ?? []).includes(user.accountId);
}
