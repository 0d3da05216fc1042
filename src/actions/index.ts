// The Rovo agent's actions (manifest.yml `action` modules), one Forge function each.
export { explainIssueScoreAction } from './explain-score';
export { compareIssueScoresAction } from './compare-issues';
export { listIncompleteScoresAction, listUnreadySprintStoriesAction } from './project-lists';
export { proposeScoreInputsAction, setScoreInputAction } from './score-inputs';
