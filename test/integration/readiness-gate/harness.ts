/**
 * The readiness gate's test site: the demo in the Jira emulator, the app's real manifest in the
 * local Forge runtime, Throughline configured in TL (default rules) and not in MOB, and two TL
 * stories made for the gate: one ready by the blocking rules, one that fails them.
 */
import { join } from 'node:path';
import { loadWorkflowValidators, runWorkflowValidator } from '../../../dev/forge-runtime';
import type { ValidatorVerdict, WorkflowValidatorDefinition } from '../../../dev/forge-runtime';
import type { JiraEmulatorOptions } from '../../../dev/jira-emulator';
import { ADA, MOB, ROOT, TL, callSettings, startSite, valueOf } from '../settings/support';
import type { Site } from '../settings/support';

export const POINTS = 'customfield_10016';
export const BACKLOG = '10003';
export const IN_PROGRESS = '3';

const text = (value: string) => ({ type: 'text', text: value });
const paragraph = (value: string) => ({ type: 'paragraph', content: [text(value)] });

/** A description with a user story, enough words and acceptance criteria under a heading. */
export const READY_DESCRIPTION = {
  type: 'doc',
  version: 1,
  content: [
    paragraph('As a product owner, I want the backlog ordered by score, so that the team always starts with the most valuable story and nobody drags cards by hand.'),
    { type: 'heading', attrs: { level: 3 }, content: [text('Acceptance criteria')] },
    { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph('Given a ranked backlog, when I order it, then the board shows the score order.')] }] },
  ],
};

export interface GateSite extends Site {
  readonly validator: WorkflowValidatorDefinition;
  /** A TL story that passes every blocking rule. */
  readonly readyKey: string;
  /** A TL story without an estimate or acceptance criteria. */
  readonly notReadyKey: string;
  /** A MOB story (Throughline is not configured in MOB). */
  readonly unconfiguredKey: string;
  /** Runs the transition through the validator, as Jira would. */
  transition(issueKey: string, toStatusId?: string): Promise<ValidatorVerdict>;
}

export async function startGateSite(options: { emulator?: Partial<JiraEmulatorOptions>; configure?: boolean } = {}): Promise<GateSite> {
  const site = await startSite({ emulator: options.emulator });
  const validators = await loadWorkflowValidators(join(ROOT, 'manifest.yml'));
  const validator = validators.find((entry) => entry.key === 'readiness-gate');
  if (validator === undefined) throw new Error('manifest.yml declares no readiness-gate validator');
  if (options.configure !== false) valueOf(await callSettings(site, 'saveReadinessConfig', { config: {}, baseRevision: 0 }, ADA, TL));
  const state = site.emulator.state;
  const epic = [...state.allIssues()].find((issue) => issue.projectId === TL.id && state.issueTypes.get(issue.issueTypeId)?.hierarchyLevel === 1);
  const readyKey = state.createIssue({
    projectKey: TL.key,
    issueType: 'Story',
    summary: 'Order the backlog by score',
    status: 'Backlog',
    ...(epic === undefined ? {} : { parentKey: epic.key }),
    fields: { [POINTS]: 3, description: READY_DESCRIPTION },
  });
  const notReadyKey = state.createIssue({ projectKey: TL.key, issueType: 'Story', summary: 'Make it better', status: 'Backlog', fields: { description: { type: 'doc', version: 1, content: [paragraph('Improve it.')] } } });
  const mobType = [...state.issueTypes.values()].find((type) => type.projectId === MOB.id && type.hierarchyLevel === 0 && type.name === 'Story');
  const unconfiguredKey = state.createIssue({ projectKey: MOB.key, issueType: mobType?.name ?? 'Story', summary: 'Not gated', status: 'To Do' });
  await site.runtime.whenIdle();
  return {
    ...site,
    validator,
    readyKey,
    notReadyKey,
    unconfiguredKey,
    transition: (issueKey, toStatusId = IN_PROGRESS) =>
      runWorkflowValidator(site.runtime, validator, { issueKey, fromStatusId: state.findIssue(issueKey)?.statusId ?? BACKLOG, toStatusId, accountId: ADA.accountId }),
  };
}
