import { makeResolver } from '@forge/resolver';
import type { ResolverDefs } from '../contract';
import { checkFormulaResolver } from './check-formula';
import { getIssueDetailsResolver } from './issue-details';
import { setIssueInputResolver } from './issue-input';
import { getIssueRankResolver } from './issue-rank';
import { getIssueScoreResolver } from './issue-score';
import {
  discoverFieldsResolver,
  exportConfigResolver,
  getSettingsResolver,
  importConfigResolver,
  previewReadinessResolver,
  previewScoresResolver,
  recomputeNowResolver,
  recomputeProgressResolver,
  saveProductManagersResolver,
  saveReadinessConfigResolver,
  saveScoringConfigResolver,
} from './settings-resolvers';
import { getSettingsPeopleResolver, searchPeopleResolver } from './settings-people';
import { editStrategyResolver, getSprintReadinessResolver, getVisionMapChunkResolver, getVisionOutlineResolver, setEpicThemeResolver } from './project-page';
import { getRankedBacklogPageResolver } from './ranked-backlog';
import { getIssueHistoryResolver, getMovedMostResolver } from './score-history';
import { checkGadgetConfigurationResolver, getVisionAlignmentResolver, listGadgetBoardsResolver, listGadgetProjectsResolver, listGadgetThemesResolver } from './gadgets';
import { getTopOfBacklogResolver } from './top-of-backlog';
import { getSprintReadinessGadgetResolver } from './sprint-readiness-gadget';
import { getScoringGridPageResolver, setScoringGridCellResolver } from './scoring-grid';
import {
  applyScoringRoundResolver,
  castRoundVoteResolver,
  closeScoringRoundResolver,
  getScoringRoundResolver,
  listScoringRoundsResolver,
  openScoringRoundResolver,
  searchRoundPeopleResolver,
  setRoundAgreedValueResolver,
} from './scoring-rounds';
import { applyBacklogOrderResolver, listBacklogBoardsResolver, pinIssueResolver, previewBacklogOrderResolver, undoBacklogOrderResolver, unpinIssueResolver } from './backlog-order';

/** The `resolver` function of manifest.yml: one handler for every key of the contract. */
export const resolver = makeResolver<ResolverDefs>({
  checkFormula: checkFormulaResolver,
  getIssueScore: getIssueScoreResolver,
  getIssueRank: getIssueRankResolver,
  getIssueDetails: getIssueDetailsResolver,
  setIssueInput: setIssueInputResolver,
  getVisionOutline: getVisionOutlineResolver,
  getVisionMapChunk: getVisionMapChunkResolver,
  getRankedBacklogPage: getRankedBacklogPageResolver,
  getSprintReadiness: getSprintReadinessResolver,
  editStrategy: editStrategyResolver,
  setEpicTheme: setEpicThemeResolver,
  getSettings: getSettingsResolver,
  saveScoringConfig: saveScoringConfigResolver,
  saveReadinessConfig: saveReadinessConfigResolver,
  saveProductManagers: saveProductManagersResolver,
  searchPeople: searchPeopleResolver,
  getSettingsPeople: getSettingsPeopleResolver,
  previewScores: previewScoresResolver,
  previewReadiness: previewReadinessResolver,
  exportConfig: exportConfigResolver,
  importConfig: importConfigResolver,
  recomputeNow: recomputeNowResolver,
  recomputeProgress: recomputeProgressResolver,
  discoverFields: discoverFieldsResolver,
  listBacklogBoards: listBacklogBoardsResolver,
  previewBacklogOrder: previewBacklogOrderResolver,
  applyBacklogOrder: applyBacklogOrderResolver,
  undoBacklogOrder: undoBacklogOrderResolver,
  pinIssue: pinIssueResolver,
  unpinIssue: unpinIssueResolver,
  getIssueHistory: getIssueHistoryResolver,
  getMovedMost: getMovedMostResolver,
  listGadgetProjects: listGadgetProjectsResolver,
  listGadgetBoards: listGadgetBoardsResolver,
  listGadgetThemes: listGadgetThemesResolver,
  checkGadgetConfiguration: checkGadgetConfigurationResolver,
  getVisionAlignment: getVisionAlignmentResolver,
  getTopOfBacklog: getTopOfBacklogResolver,
  getSprintReadinessGadget: getSprintReadinessGadgetResolver,
  getScoringGridPage: getScoringGridPageResolver,
  setScoringGridCell: setScoringGridCellResolver,
  listScoringRounds: listScoringRoundsResolver,
  openScoringRound: openScoringRoundResolver,
  getScoringRound: getScoringRoundResolver,
  castRoundVote: castRoundVoteResolver,
  setRoundAgreedValue: setRoundAgreedValueResolver,
  closeScoringRound: closeScoringRoundResolver,
  applyScoringRound: applyScoringRoundResolver,
  searchRoundPeople: searchRoundPeopleResolver,
});
