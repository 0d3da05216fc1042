/** A change's causes in words, as the sidebar and the ranked backlog say them. */
import { RULE_NAMES } from '../readiness/gate';
import type { HistoryCause, HistoryDocument, Saver } from './model';

const DOCUMENT_NAMES: Readonly<Record<HistoryDocument, string>> = { scoring: 'Scoring configuration', readiness: 'Definition of Ready' };

/** Who saved a revision, as said: an account id, the app itself, or an erased account. */
export function saverInWords(by: string): string {
  if (by === 'app' || by === '') return 'Throughline';
  if (by === 'former-user') return 'a former user';
  return by;
}

function value(text: string | null): string {
  return text === null ? 'empty' : `"${text}"`;
}

function number(value: number): string {
  return String(Math.round(value * 100) / 100);
}

export function daysInWords(days: number): string {
  if (days === 0) return 'due today';
  if (days < 0) return `${String(-days)} day${days === -1 ? '' : 's'} overdue`;
  return `${String(days)} day${days === 1 ? '' : 's'} remaining`;
}

function rules(ids: readonly string[]): string {
  return ids.map((id) => (RULE_NAMES as Readonly<Record<string, string>>)[id] ?? id).join(', ');
}

export type SaverLookup = (document: HistoryDocument, revision: number) => Saver | undefined;

/** One cause in words; `saverOf` says who saved a configuration revision, when the project still knows. */
export function causeInWords(cause: HistoryCause, saverOf: SaverLookup = () => undefined): string {
  switch (cause.kind) {
    case 'first':
      return 'First recorded: no earlier change to compare with';
    case 'moved':
      return "Moved to this project from another one: now scored with this project's configuration";
    case 'input':
      return `${cause.label} changed from ${value(cause.from)} to ${value(cause.to)}`;
    case 'configuration': {
      const saver = saverOf(cause.document, cause.revision);
      const who = saver === undefined ? '' : ` saved by ${saverInWords(saver.by)}`;
      return `${DOCUMENT_NAMES[cause.document]} revision ${String(cause.revision)}${who}`;
    }
    case 'theme-weight': {
      const { from, to } = cause;
      if (from === null && to !== null) return `Now serves the theme "${to.name}" (strategic weight ${number(to.weight)})`;
      if (from !== null && to === null) return `No longer serves the theme "${from.name}" (strategic weight ${number(from.weight)})`;
      if (from !== null && to !== null && from.name === to.name) return `The theme "${to.name}": strategic weight from ${number(from.weight)} to ${number(to.weight)}`;
      return `Theme from "${from?.name ?? 'none'}" (weight ${number(from?.weight ?? 1)}) to "${to?.name ?? 'none'}" (weight ${number(to?.weight ?? 1)})`;
    }
    case 'time':
      return `Time passed: ${cause.label} ${daysInWords(cause.daysRemaining)}`;
    case 'refinement-lapsed':
      return 'Time passed: not refined recently any more';
    case 'rules': {
      const parts = [cause.failing.length > 0 ? `now fails ${rules(cause.failing)}` : '', cause.passing.length > 0 ? `now passes ${rules(cause.passing)}` : ''].filter((part) => part !== '');
      const text = parts.join('; ');
      return `Readiness: ${text}`;
    }
    case 'more':
      return `and ${String(cause.count)} more change${cause.count === 1 ? '' : 's'}`;
    case 'unexplained':
      return 'Recomputed: nothing the history records changed';
    case 'round': {
      const votes = `${String(cause.votes)} vote${cause.votes === 1 ? '' : 's'}`;
      return cause.how === 'median' ? `Team round "${cause.name}": median of ${votes}` : `Team round "${cause.name}": the value its owner agreed, from ${votes}`;
    }
  }
}
