/** Rules that read the description: `acceptance-criteria`, `description-length`, `user-story-form`. */
import { acceptanceLabels, findAcceptanceCriteria } from '../adf/acceptance-criteria';
import { countWords } from '../adf/count-words';
import type { DescriptionReading } from '../adf/reading';
import type { ReadinessConfig } from './config';
import { PASS, fail } from './types';
import type { ReadinessSubject, RuleOutcome } from './types';

function unreadable(reading: DescriptionReading): string {
  return reading.problems[0] ?? 'it is not rich text';
}

export function acceptanceCriteria(config: ReadinessConfig): (subject: ReadinessSubject) => RuleOutcome {
  const rule = config.rules['acceptance-criteria'];
  const labels = acceptanceLabels(rule.labels);
  const fieldId = rule.fieldId;
  const first = rule.labels[0] ?? 'Acceptance criteria';
  return (subject) => {
    const field = fieldId === null ? undefined : { value: subject.fields[fieldId], name: rule.fieldName };
    const found = findAcceptanceCriteria(undefined, { reading: subject.description(), labels, ...(field ? { field } : {}) });
    if (found.found) return PASS;
    const where = fieldId === null ? '' : `fill in ${rule.fieldName}, or `;
    return fail(
      `The ${subject.noun} has no acceptance criteria: ${found.reason}.`,
      `Add acceptance criteria: ${where}add a "${first}" heading with the criteria under it, a task list, or Given/When/Then lines to the description.`,
    );
  };
}

export function descriptionLength(config: ReadinessConfig): (subject: ReadinessSubject) => RuleOutcome {
  const minWords = config.rules['description-length'].minWords;
  return (subject) => {
    const reading = subject.description();
    // Counting stops at minWords: a long description is not read to its end to say it is long enough.
    const wordCount = countWords(reading.text, minWords);
    if (wordCount >= minWords) return PASS;
    const fix = `Describe the ${subject.noun} in at least ${minWords} words: what is needed, for whom and why.`;
    if (reading.source === 'invalid') return fail(`The description could not be read: ${unreadable(reading)}.`, fix);
    if (wordCount === 0) return fail(`The ${subject.noun} has no description.`, fix);
    const words = wordCount === 1 ? '1 word' : `${wordCount} words`;
    return fail(`The description has ${words}; at least ${minWords} are expected.`, fix);
  };
}

// Linear scans (one regex after the other from the last match), never a backtracking pattern over the whole text.
// No `u` flag: these are ASCII patterns, and V8 scans fifteen times slower with it.
const AS_A = /\bas\s+(?:an?|the)\s+\S/gi;
const I_WANT = /\bI(?:\s+(?:want|need|wish|would\s+like)|['’]d\s+like)\b/gi;
const SO_THAT = /\b(?:so\s+that|in\s+order\s+to)\b/gi;
/** The story statement opens a description: its first 2,000 characters (about 300 words) are searched. */
const STATEMENT_WINDOW = 2_000;

function find(pattern: RegExp, text: string, from: number): number {
  pattern.lastIndex = from;
  const match = pattern.exec(text);
  return match === null ? -1 : pattern.lastIndex;
}

export function hasUserStoryForm(text: string): boolean {
  const asA = find(AS_A, text, 0);
  if (asA === -1) return false;
  const iWant = find(I_WANT, text, asA);
  return iWant !== -1 && find(SO_THAT, text, iWant) !== -1;
}

export function userStoryForm(): (subject: ReadinessSubject) => RuleOutcome {
  return (subject) => {
    const summary = typeof subject.fields.summary === 'string' ? subject.fields.summary : '';
    const description = subject.description().text;
    const head = description.length > STATEMENT_WINDOW ? description.slice(0, STATEMENT_WINDOW) : description;
    // Each text on its own first (no copy of the description); both together only when the summary starts the statement.
    const stated =
      hasUserStoryForm(summary) ||
      hasUserStoryForm(head) ||
      (find(AS_A, summary, 0) !== -1 && hasUserStoryForm(`${summary}\n${head}`));
    if (stated) return PASS;
    return fail(
      `Neither the summary nor the description states the ${subject.noun} as "As a …, I want …, so that …".`,
      'Write the story as "As a <role>, I want <goal>, so that <benefit>".',
    );
  };
}
