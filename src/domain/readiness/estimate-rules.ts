/** `estimate-present` and `estimate-small`: the story points field, read strictly. */
import { numberFieldOf } from '../jira-issue';
import type { JiraFields } from '../jira-issue';
import type { ReadinessConfig } from './config';
import { PASS, fail, notChecked } from './types';
import type { ReadinessSubject, RuleOutcome, StoryPoints } from './types';
import { points, quoted } from './words';

/**
 * A number, or why not. A string such as "5" is not taken as 5: it means the configured field
 * is not a number field, which the admin should fix rather than have it silently read.
 */
export function storyPointsOf(fields: JiraFields, fieldId: string | null): StoryPoints {
  if (fieldId === null) return { kind: 'no-field' };
  const value = numberFieldOf(fields, fieldId);
  if (value !== undefined) return { kind: 'number', value };
  const raw = fields[fieldId];
  if (raw === undefined || raw === null) return { kind: 'missing' };
  if (typeof raw === 'string') return raw.trim() === '' ? { kind: 'missing' } : { kind: 'wrong-type', got: `text ${quoted(raw)}` };
  if (typeof raw === 'number') return { kind: 'wrong-type', got: String(raw) };
  if (Array.isArray(raw)) return { kind: 'wrong-type', got: 'a list' };
  return { kind: 'wrong-type', got: typeof raw === 'object' ? 'an object' : typeof raw };
}

export function estimatePresent(config: ReadinessConfig): (subject: ReadinessSubject) => RuleOutcome {
  const field = config.storyPointsField ?? { id: '', name: 'the story points field' };
  return ({ points: estimate, noun }) => {
    switch (estimate.kind) {
      case 'no-field':
        // Not "no story points": nobody on the team can fix this by estimating; an admin can.
        return fail(
          'This site has no story points field, so the estimate cannot be checked.',
          "A Jira admin chooses the field that holds estimates in Throughline's project settings (Definition of Ready), or switches this rule off.",
        );
      case 'missing':
        return fail(`The ${noun} has no story points.`, `Add an estimate: set ${field.name}.`);
      case 'wrong-type':
        return fail(
          `${field.name} (${field.id}) holds ${estimate.got}, not a number.`,
          `Set ${field.name} to a number, or check the story points field in the readiness settings.`,
        );
      case 'number':
        return estimate.value > 0
          ? PASS
          : fail(`The ${noun} is estimated at ${points(estimate.value)}.`, `Set ${field.name} to more than 0.`);
    }
  };
}

export function estimateSmall(config: ReadinessConfig): (subject: ReadinessSubject) => RuleOutcome {
  const { maxPoints, maxShareOfVelocity } = config.rules['estimate-small'];
  return ({ points: estimate, noun, context }) => {
    if (estimate.kind === 'no-field') return notChecked('this site has no story points field');
    if (estimate.kind !== 'number' || estimate.value <= 0) return notChecked('no estimate to compare');
    const velocity = context.velocity;
    const byVelocity = maxShareOfVelocity !== null && velocity !== undefined && Number.isFinite(velocity) && velocity > 0;
    const limit = byVelocity ? maxShareOfVelocity * velocity : maxPoints;
    if (estimate.value <= limit) return PASS;
    const against = byVelocity
      ? `more than ${Math.round(maxShareOfVelocity * 100)}% of the team's velocity (${points(limit)} of ${points(velocity)})`
      : `more than the limit of ${points(limit)}`;
    return fail(
      `The ${noun} is estimated at ${points(estimate.value)}, ${against}.`,
      `Split the ${noun} into smaller ones of at most ${points(Math.floor(limit * 100) / 100)} each.`,
    );
  };
}
