/**
 * Reading a stored or imported strategy document: migrate an older one, refuse a newer one,
 * and validate every setting.
 */
import { isRecord } from '../jira-issue';
import { MIGRATIONS } from './migrations';
import { CURRENT_SCHEMA_VERSION, strategySchema } from './model';
import type { Strategy, StrategyError } from './model';
import { describeValue, errorsFromIssues } from './strategy-errors';
import { crossSettingErrors } from './validate-strategy';

export type ParseStrategyResult =
  | { readonly ok: true; readonly strategy: Strategy; /** Set when an older document was upgraded: save it back. */ readonly migratedFrom?: number }
  | { readonly ok: false; readonly errors: readonly StrategyError[] };

function failure(path: string, message: string): ParseStrategyResult {
  return { ok: false, errors: [{ path, message }] };
}

export function parseStrategy(raw: unknown): ParseStrategyResult {
  if (!isRecord(raw)) {
    return failure('', `The strategy must be an object (it is ${describeValue(raw)}).`);
  }
  // Documents written before versioning carry no schemaVersion: they are version 0.
  const version = raw.schemaVersion ?? 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return failure('schemaVersion', `Schema version must be a whole number of 0 or more (it is ${describeValue(version)}).`);
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    return failure(
      'schemaVersion',
      `This strategy was saved by a newer version of Throughline (schema version ${version}; this version reads up to ${CURRENT_SCHEMA_VERSION}). ` +
        'Update the app before viewing or editing it; nothing was changed.',
    );
  }

  let document: Readonly<Record<string, unknown>> = raw;
  for (let step = version; step < CURRENT_SCHEMA_VERSION; step++) {
    const migrate = MIGRATIONS[step];
    if (migrate === undefined) return failure('schemaVersion', `No migration from schema version ${step} exists.`);
    document = migrate(document);
  }

  const parsed = strategySchema.safeParse(document);
  if (!parsed.success) return { ok: false, errors: errorsFromIssues(parsed.error.issues, document) };
  const errors = crossSettingErrors(parsed.data);
  if (errors.length > 0) return { ok: false, errors };
  return version < CURRENT_SCHEMA_VERSION
    ? { ok: true, strategy: parsed.data, migratedFrom: version }
    : { ok: true, strategy: parsed.data };
}
