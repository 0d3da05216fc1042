/**
 * Older strategy documents, brought up to the current schema one version at a time.
 *
 * Migrations take unknown input and only reshape what they recognise; the current schema then
 * validates the result, so a damaged old document is reported like any other bad document.
 */
import { isRecord } from '../jira-issue';

type Migration = (document: Readonly<Record<string, unknown>>) => Record<string, unknown>;

/**
 * v0 (before versioning): no `revision`, no `schemaVersion`, and a theme's strategic weight was
 * called `weight`.
 */
export function migrateV0ToV1(document: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const themes = Array.isArray(document.themes)
    ? (document.themes as unknown[]).map((theme) => {
        if (!isRecord(theme)) return theme;
        const { weight, ...rest } = theme;
        return 'strategicWeight' in rest || weight === undefined ? rest : { ...rest, strategicWeight: weight };
      })
    : document.themes;
  return { ...document, schemaVersion: 1, revision: 0, themes };
}

/** MIGRATIONS[n] turns a version n document into a version n + 1 document. */
export const MIGRATIONS: readonly Migration[] = [migrateV0ToV1];
