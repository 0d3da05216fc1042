// Only the handlers that manifest.yml names (`index.<export>`).
export { resolver } from './resolvers';
export { onIssueChange } from './events/issue-trigger';
export { recomputeStep } from './events/recompute-consumer';
export { reportPersonalData, reportPersonalDataStep } from './events/personal-data';
export { dailyRecount } from './events/daily-recount';
export { dailyRecompute } from './events/daily-recompute';
export { validateReadiness } from './events/readiness-gate';
export {
  compareIssueScoresAction,
  explainIssueScoreAction,
  listIncompleteScoresAction,
  listUnreadySprintStoriesAction,
  proposeScoreInputsAction,
  setScoreInputAction,
} from './actions';
