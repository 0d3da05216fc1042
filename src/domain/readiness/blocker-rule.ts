/**
 * `no-open-blocker`: an inward "Blocks" link ("is blocked by") to an issue that is not done.
 * The link type is matched by name ("Blocks") or, for renamed or translated types, by the inward
 * label "is blocked by"; both case-insensitive. Other link types are ignored.
 * A blocker whose status Jira did not send counts as open by default: readiness should not be
 * claimed on a dependency nobody can see resolved. `unknownStatusIsOpen: false` turns that off.
 */
import { linksOf } from '../jira-issue';
import type { IssueLinkInfo } from '../jira-issue';
import type { ReadinessConfig } from './config';
import { PASS, fail } from './types';
import type { ReadinessSubject, RuleOutcome } from './types';
import { listed } from './words';

export function isBlockedByLink(link: IssueLinkInfo): boolean {
  if (link.direction !== 'inward') return false;
  return link.typeName.trim().toLowerCase() === 'blocks' || link.label.trim().toLowerCase() === 'is blocked by';
}

export function noOpenBlocker(config: ReadinessConfig): (subject: ReadinessSubject) => RuleOutcome {
  const unknownIsOpen = config.rules['no-open-blocker'].unknownStatusIsOpen;
  return (subject) => {
    const open: string[] = [];
    for (const link of linksOf(subject.fields)) {
      if (!isBlockedByLink(link)) continue;
      const key = link.otherKey ?? 'an issue without a key';
      if (link.otherStatusCategory === undefined) {
        if (unknownIsOpen) open.push(`${key} (status unknown)`);
      } else if (link.otherStatusCategory !== 'done') {
        open.push(key);
      }
    }
    if (open.length === 0) return PASS;
    return fail(
      `The ${subject.noun} is blocked by ${listed(open)}, not done yet.`,
      open.length === 1
        ? 'Resolve the blocker first, or remove the link if it no longer applies.'
        : 'Resolve the blockers first, or remove the links that no longer apply.',
    );
  };
}
