/**
 * The configuration of a project nobody has configured yet: WSJF from the fields the site has,
 * the documented default readiness rules (with the site's story points and Epic Link fields), an
 * empty strategy and no product managers.
 *
 * WSJF's inputs have no standard Jira fields except job size (story points). A number field whose
 * name is exactly one of SAFe's names ("Business Value", "Time Criticality", "Risk Reduction …")
 * is taken as that input; otherwise business value comes from Jira's priority, time criticality
 * from the due date, and risk reduction stays unmapped, so issues say it is missing, by name,
 * until an admin maps it. The name is only used among number fields: a name never picks a field
 * of another type (field discovery's rule).
 */
import { defaultReadinessConfig } from '../domain/readiness';
import type { ReadinessConfig } from '../domain/readiness';
import { DEFAULT_FIELD_IDS, defaultScoringConfig, defaultScoringConfigInput, parseScoringConfig } from '../domain/scoring';
import type { InputSourceInput, ScoringConfig } from '../domain/scoring';
import { emptyStrategy } from '../domain/strategy';
import type { FieldDetails } from '../jira';
import type { DocumentDefaults } from '../storage';

const SAFE_NAMES = {
  businessValue: /^(user[\s-]*(and|&|\/)?\s*)?business\s*value$/i,
  timeCriticality: /^time\s*critical(ity)?$/i,
  riskReduction: /^(risk\s*reduction(\s*(\/|and|&|-)\s*opportunity\s*enablement)?|rr\s*[/&]\s*oe)$/i,
} as const;

function numberFieldNamed(fields: readonly FieldDetails[], pattern: RegExp): FieldDetails | undefined {
  const matches = fields.filter((field) => field.schema?.type === 'number' && field.custom === true && pattern.test((field.untranslatedName ?? field.name).trim()));
  // The oldest (lowest id) of several copies, as discovery does elsewhere.
  return matches.sort((a, b) => (a.schema?.customId ?? 0) - (b.schema?.customId ?? 0))[0];
}

export function defaultScoringFor(fields: readonly FieldDetails[], storyPointsFieldId: string | undefined): ScoringConfig {
  const input = defaultScoringConfigInput();
  const model = input.model;
  if (model.type !== 'wsjf') return defaultScoringConfig();
  const inputs: Record<string, InputSourceInput> = { ...model.inputs };
  const businessValue = numberFieldNamed(fields, SAFE_NAMES.businessValue);
  if (businessValue !== undefined) inputs.businessValue = { kind: 'number', fieldId: businessValue.id };
  const timeCriticality = numberFieldNamed(fields, SAFE_NAMES.timeCriticality);
  if (timeCriticality !== undefined) inputs.timeCriticality = { kind: 'number', fieldId: timeCriticality.id };
  const riskReduction = numberFieldNamed(fields, SAFE_NAMES.riskReduction);
  inputs.riskReduction = { kind: 'number', fieldId: riskReduction?.id ?? DEFAULT_FIELD_IDS.riskReduction };
  inputs.jobSize = { kind: 'number', fieldId: storyPointsFieldId ?? DEFAULT_FIELD_IDS.storyPoints };
  const parsed = parseScoringConfig({ ...input, model: { type: 'wsjf', inputs } });
  return parsed.ok ? parsed.config : defaultScoringConfig();
}

export interface SiteDefaultsInput {
  readonly defaultScoring: ScoringConfig;
  readonly storyPoints: { readonly id: string; readonly name: string } | null;
  readonly epicLinkFieldId: string | null;
}

export function defaultReadinessFor(site: SiteDefaultsInput): ReadinessConfig {
  const config = defaultReadinessConfig();
  return {
    ...config,
    // A site without a story points field gets none, not Jira's usual id: reading a field the site
    // does not have would report every story as unestimated instead of saying what is wrong.
    storyPointsField: site.storyPoints === null ? null : { id: site.storyPoints.id, name: site.storyPoints.name },
    epicLinkFieldId: site.epicLinkFieldId,
  };
}

/** The defaults of every document, for `SettingsRepository.load/loadAll`. */
export function documentDefaults(site: SiteDefaultsInput): DocumentDefaults {
  return {
    scoring: () => site.defaultScoring,
    readiness: () => defaultReadinessFor(site),
    strategy: () => emptyStrategy(),
    'product-managers': () => ({ accountIds: [] }),
  };
}
