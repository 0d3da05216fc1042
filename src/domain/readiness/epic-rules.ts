/** `has-epic` and `epic-has-theme`: the line from the story up to the vision. */
import { PASS, fail, notChecked } from './types';
import type { ReadinessSubject, RuleOutcome } from './types';

/** A parent whose level Jira did not send is taken as an epic: a story's parent is one level up. */
function parentIsEpic(subject: ReadinessSubject): boolean {
  const level = subject.parent?.hierarchyLevel;
  return subject.parent !== undefined && (level === undefined || level === 1);
}

export function hasEpic(): (subject: ReadinessSubject) => RuleOutcome {
  return (subject) => {
    const parent = subject.parent;
    const fix = `Set the ${subject.noun}'s parent to an epic.`;
    if (parent === undefined) return fail(`The ${subject.noun} has no parent epic.`, fix);
    if (!parentIsEpic(subject)) return fail(`The ${subject.noun}'s parent ${parent.key} is not an epic.`, fix);
    if (subject.parentTheme().kind === 'missing-epic') {
      return fail(`The parent epic ${parent.key} no longer exists.`, `Set the ${subject.noun}'s parent to an existing epic.`);
    }
    return PASS;
  };
}

export function epicHasTheme(): (subject: ReadinessSubject) => RuleOutcome {
  return (subject) => {
    const parent = subject.parent;
    if (parent === undefined || !parentIsEpic(subject)) return notChecked('no parent epic');
    const key = parent.key;
    const lookup = subject.parentTheme();
    switch (lookup.kind) {
      case 'theme':
        return PASS;
      case 'none':
        return fail(`The epic ${key} is not attached to a theme.`, `Attach ${key} to a roadmap theme on the Vision map.`);
      case 'unknown-theme':
        return fail(
          `The epic ${key} is attached to a theme that no longer exists (unknown theme ${lookup.id}).`,
          `Attach ${key} to an existing theme on the Vision map.`,
        );
      case 'missing-epic':
        return notChecked(`the parent epic ${key} no longer exists`);
      case 'no-parent':
        return notChecked('no parent epic');
      case 'no-lookup':
        return notChecked('themes were not looked up');
      case 'lookup-failed':
        return notChecked(`the theme of ${key} could not be looked up: ${lookup.reason}`);
    }
  };
}
