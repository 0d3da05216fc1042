export { MAX_RANK_ISSUES, OrderPlanError, applyPlan, applyRankCall, changesSince, desiredOrderByScore, longestIncreasing, planOrder } from './backlog-order';
export type { IssueMove, OrderPlan, RankCall, ScoredIssue } from './backlog-order';
