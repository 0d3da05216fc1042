/**
 * One entry point for any rich-text field value: ADF from REST v3, a string from v2 or older
 * data, nothing at all. Callers never branch on the shape themselves.
 */
import { readAdf } from './read-adf';
import { readPlainText } from './read-plain-text';
import type { DescriptionReading, ReadOptions } from './reading';

export function readDescription(value: unknown, options: ReadOptions = {}): DescriptionReading {
  return typeof value === 'string' ? readPlainText(value, options) : readAdf(value, options);
}
