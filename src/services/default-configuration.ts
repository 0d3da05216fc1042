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
 *
 * That is the site's guess. A project's own default (`projectDefaultScoring`) is built from the
 * fields its issues actually carry (services/project-fields.ts reads a sample of them): a
 * team-managed project has its own fields, and a default over fields its issues do not have makes
 * every issue "incomplete". Each input takes, of the fields that could feed it (`ScoringCandidates`),
 * the first that most sampled issues hold a value in, else the one most of them do. WSJF when most
 * issues carry all four inputs; value ÷ effort over business value and job size when not (what
 * can be computed is named for what it is, not called WSJF); otherwise WSJF with the inputs no
 * issue carries "not set up yet" (input-setup.ts), so the sidebar says what a project admin sets up.
 */
import { defaultReadinessConfig } from '../domain/readiness';
import type { ReadinessConfig } from '../domain/readiness';
import { DEFAULT_FIELD_IDS, defaultScoringConfig, defaultScoringConfigInput, parseScoringConfig } from '../domain/scoring';
import type { InputSourceInput, ScoringConfig, ScoringConfigInput } from '../domain/scoring';
import { emptyStrategy } from '../domain/strategy';
import type { FieldDetails } from '../jira';
import type { DocumentDefaults } from '../storage';

const SAFE_NAMES = {
  businessValue: /^(user[\s-]*(and|&|\/)?\s*)?business\s*value$/i,
  timeCriticality: /^time\s*critical(ity)?$/i,
  riskReduction: /^(risk\s*reduction(\s*(\/|and|&|-)\s*opportunity\s*enablement)?|rr\s*[/&]\s*oe)$/i,
} as const;

function numberFieldsNamed(fields: readonly FieldDetails[], pattern: RegExp): FieldDetails[] {
  const matches = fields.filter((field) => field.schema?.type === 'number' && field.custom === true && pattern.test((field.untranslatedName ?? field.name).trim()));
  // The oldest (lowest id) of several copies first, as discovery does elsewhere.
  return matches.sort((a, b) => (a.schema?.customId ?? 0) - (b.schema?.customId ?? 0));
}

function numberFieldNamed(fields: readonly FieldDetails[], pattern: RegExp): FieldDetails | undefined {
  return numberFieldsNamed(fields, pattern)[0];
}

/** What a field gives an input: a number, Jira's priority (through the priority table), a date (days remaining). */
export type CandidateKind = 'number' | 'priority' | 'date';

export interface ScoringCandidate {
  readonly id: string;
  readonly name: string;
  readonly kind: CandidateKind;
}

/** WSJF's inputs, and the fields of the site that could feed each, in order of preference. */
export interface ScoringCandidates {
  readonly businessValue: readonly ScoringCandidate[];
  readonly timeCriticality: readonly ScoringCandidate[];
  readonly riskReduction: readonly ScoringCandidate[];
  readonly jobSize: readonly ScoringCandidate[];
}

/** No candidate for any input: where the site's fields are not known. */
export const NO_CANDIDATES: ScoringCandidates = { businessValue: [], timeCriticality: [], riskReduction: [], jobSize: [] };

export const WSJF_INPUTS = ['businessValue', 'timeCriticality', 'riskReduction', 'jobSize'] as const;
export type WsjfInput = (typeof WSJF_INPUTS)[number];

/** Number fields named for job size or effort, after the story point fields discovery chose by type. */
const JOB_SIZE_NAMES = /^(job\s*size|effort|estimate)$/i;
/** The one-line words of what a field is: never its id. */
const PRIORITY: ScoringCandidate = { id: 'priority', name: 'Priority', kind: 'priority' };
const DUE_DATE: ScoringCandidate = { id: 'duedate', name: 'Due date', kind: 'date' };

function numberCandidate(field: FieldDetails): ScoringCandidate {
  return { id: field.id, name: field.name, kind: 'number' };
}

/**
 * The site's fields that could feed each WSJF input: SAFe's names among number fields first, then
 * Jira's own priority (business value) and due date (time criticality); for job size the story
 * point fields discovery found by type (`storyPoints`, preferred first), then number fields named
 * "Job size" or "Effort". A text field named "Business Value" is never one.
 */
export function scoringCandidatesOf(fields: readonly FieldDetails[], storyPoints: readonly { readonly id: string; readonly name: string }[]): ScoringCandidates {
  const points = storyPoints.map((field): ScoringCandidate => ({ id: field.id, name: field.name, kind: 'number' }));
  const sized = numberFieldsNamed(fields, JOB_SIZE_NAMES).map(numberCandidate).filter((candidate) => !points.some((point) => point.id === candidate.id));
  return {
    businessValue: [...numberFieldsNamed(fields, SAFE_NAMES.businessValue).map(numberCandidate), PRIORITY],
    timeCriticality: [...numberFieldsNamed(fields, SAFE_NAMES.timeCriticality).map(numberCandidate), DUE_DATE],
    riskReduction: numberFieldsNamed(fields, SAFE_NAMES.riskReduction).map(numberCandidate),
    jobSize: [...points, ...sized],
  };
}

/** What a sample of the project's issues holds: of `sampled` issues, how many hold a value each field's input can read. */
export interface CarriedFields {
  readonly sampled: number;
  readonly carried: Readonly<Record<string, number>>;
}

/** An input without a field in a project's default: an id no Jira field can have, read as "not set up yet". */
export function notSetUpFieldId(input: WsjfInput): string {
  return input === 'riskReduction' ? DEFAULT_FIELD_IDS.riskReduction : `customfield_${input.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)}`;
}

/**
 * The field an input takes in a project: the first candidate that at least half the sampled issues
 * hold a value in; else the candidate most of them hold one in; none when no sampled issue holds any.
 */
export function carriedCandidate(candidates: readonly ScoringCandidate[], sample: CarriedFields): ScoringCandidate | undefined {
  const count = (candidate: ScoringCandidate): number => sample.carried[candidate.id] ?? 0;
  const most = candidates.find((candidate) => count(candidate) * 2 >= sample.sampled && count(candidate) > 0);
  if (most !== undefined) return most;
  let best: ScoringCandidate | undefined;
  for (const candidate of candidates) if (count(candidate) > 0 && (best === undefined || count(candidate) > count(best))) best = candidate;
  return best;
}

function sourceOf(candidate: ScoringCandidate): InputSourceInput {
  if (candidate.kind === 'priority') return { kind: 'priority', fieldId: candidate.id };
  if (candidate.kind === 'date') return { kind: 'date', fieldId: candidate.id };
  return { kind: 'number', fieldId: candidate.id };
}

export interface ProjectDefaults {
  readonly scoring: ScoringConfig;
  /** The story point field the project's issues carry (the readiness rules' estimate), when they carry one. */
  readonly storyPoints: { readonly id: string; readonly name: string } | null;
}

/**
 * The default of a project nobody configured, from the fields its issues carry (see the file
 * comment). Without a sampled issue there is nothing to judge by: the site's default stands.
 */
export function projectDefaultScoring(site: SiteDefaultsInput & { readonly scoringCandidates: ScoringCandidates }, sample: CarriedFields): ProjectDefaults {
  if (sample.sampled === 0) return { scoring: site.defaultScoring, storyPoints: site.storyPoints };
  const chosen = Object.fromEntries(WSJF_INPUTS.map((input) => [input, carriedCandidate(site.scoringCandidates[input], sample)])) as Record<WsjfInput, ScoringCandidate | undefined>;
  const { businessValue, jobSize } = chosen;
  const storyPoints = jobSize !== undefined && jobSize.kind === 'number' ? { id: jobSize.id, name: jobSize.name } : site.storyPoints;
  let config: ScoringConfigInput;
  // WSJF only when most issues can have all four: a field a few issues carry would leave the rest incomplete.
  const mostCarry = (candidate: ScoringCandidate | undefined): boolean => candidate !== undefined && (sample.carried[candidate.id] ?? 0) * 2 >= sample.sampled;
  if (WSJF_INPUTS.every((input) => mostCarry(chosen[input])) || businessValue === undefined || jobSize === undefined) {
    const inputs = Object.fromEntries(WSJF_INPUTS.map((input) => {
      const candidate = chosen[input];
      return [input, candidate === undefined ? { kind: 'number', fieldId: notSetUpFieldId(input) } : sourceOf(candidate)];
    })) as Record<WsjfInput, InputSourceInput>;
    config = { version: 1, model: { type: 'wsjf', inputs }, multiplyByStrategicWeight: true };
  } else {
    config = { version: 1, model: { type: 'value-effort', inputs: { value: { ...sourceOf(businessValue), label: 'Business value' }, effort: { ...sourceOf(jobSize), label: 'Job size' } } }, multiplyByStrategicWeight: true };
  }
  const parsed = parseScoringConfig(config);
  return { scoring: parsed.ok ? parsed.config : site.defaultScoring, storyPoints };
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

export function defaultReadinessFor(site: SiteDefaultsInput, project?: ProjectDefaults): ReadinessConfig {
  const config = defaultReadinessConfig();
  return {
    ...config,
    // A site without a story points field gets none, not Jira's usual id: reading a field the site
    // does not have would report every story as unestimated instead of saying what is wrong.
    storyPointsField: storyPointsOf(site, project),
    epicLinkFieldId: site.epicLinkFieldId,
  };
}

function storyPointsOf(site: SiteDefaultsInput, project: ProjectDefaults | undefined): { id: string; name: string } | null {
  const field = project === undefined ? site.storyPoints : project.storyPoints;
  return field === null ? null : { id: field.id, name: field.name };
}

/**
 * The defaults of every document, for `SettingsRepository.load/loadAll`: the project's own (from
 * the fields its issues carry) when known, else the site's.
 */
export function documentDefaults(site: SiteDefaultsInput, project?: ProjectDefaults): DocumentDefaults {
  return {
    scoring: () => project?.scoring ?? site.defaultScoring,
    readiness: () => defaultReadinessFor(site, project),
    strategy: () => emptyStrategy(),
    'product-managers': () => ({ accountIds: [] }),
  };
}
