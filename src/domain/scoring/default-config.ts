/**
 * The configuration a project starts with, before an admin chooses: WSJF over fields every Jira
 * Cloud site has, except risk reduction, which has no standard field. The field-discovery step
 * (later) replaces these ids with the site's own.
 */
import { parseScoringConfig } from './config';
import type { ScoringConfig, ScoringConfigInput } from './config';

export const DEFAULT_FIELD_IDS = {
  /** "Story point estimate" (`com.pyxis.greenhopper.jira:jsw-story-points`), customfield_10016 on most Cloud sites. */
  storyPoints: 'customfield_10016',
  /** Jira's own priority: the business value, through the priority table (Highest 20 … Lowest 1). */
  businessValue: 'priority',
  /** Jira's own due date: the time criticality, through the days-remaining table. */
  timeCriticality: 'duedate',
  /**
   * No standard field exists for risk reduction / opportunity enablement: a placeholder id that
   * cannot collide with a real field (real ids are numeric), so issues show it as missing, by
   * name, until an admin or field discovery maps a number field.
   */
  riskReduction: 'customfield_risk_reduction',
} as const;

export function defaultScoringConfigInput(): ScoringConfigInput {
  return {
    version: 1,
    model: {
      type: 'wsjf',
      inputs: {
        businessValue: { kind: 'priority', fieldId: DEFAULT_FIELD_IDS.businessValue },
        timeCriticality: { kind: 'date', fieldId: DEFAULT_FIELD_IDS.timeCriticality },
        riskReduction: { kind: 'number', fieldId: DEFAULT_FIELD_IDS.riskReduction },
        jobSize: { kind: 'number', fieldId: DEFAULT_FIELD_IDS.storyPoints },
      },
    },
    multiplyByStrategicWeight: true,
  };
}

/** WSJF: priority → business value, due date → time criticality, a risk-reduction number, story points → job size. */
export function defaultScoringConfig(): ScoringConfig {
  const parsed = parseScoringConfig(defaultScoringConfigInput());
  if (!parsed.ok) throw new Error(`the default scoring configuration is invalid: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return parsed.config;
}
