import { makeResolver } from '@forge/resolver';
import type { ResolverDefs } from '../contract';
import { checkFormulaResolver } from './check-formula';
import { getIssueScoreResolver } from './issue-score';

/** The `resolver` function of manifest.yml: one handler for every key of the contract. */
export const resolver = makeResolver<ResolverDefs>({
  checkFormula: checkFormulaResolver,
  getIssueScore: getIssueScoreResolver,
});
