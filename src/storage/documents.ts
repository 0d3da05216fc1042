/**
 * The four documents of a project's configuration, each validated by its domain's own parser on
 * the way in and on the way out:
 *
 * | kind             | domain value     | validated by            |
 * | ---------------- | ---------------- | ----------------------- |
 * | scoring          | ScoringConfig    | parseScoringConfig      |
 * | readiness        | ReadinessConfig  | parseReadinessConfig    |
 * | strategy         | Strategy         | parseStrategy (migrates older strategy documents itself) |
 * | product-managers | ProductManagers  | the schema below        |
 *
 * Each is stored in an envelope with a storage schema version, the revision, and who saved it
 * when. Older envelopes are migrated on read; newer ones are refused with a message that says so.
 */
import { z } from 'zod';
import { parseReadinessConfig } from '../domain/readiness';
import type { ReadinessConfig } from '../domain/readiness';
import { parseScoringConfig } from '../domain/scoring';
import type { ScoringConfig } from '../domain/scoring';
import { CURRENT_SCHEMA_VERSION as STRATEGY_SCHEMA_VERSION, LIMITS, parseStrategy } from '../domain/strategy';
import type { Strategy } from '../domain/strategy';
import type { DocumentKind } from './keys';

export interface ProductManagers {
  /** Atlassian account ids of the people who may edit the vision and themes besides project admins. */
  readonly accountIds: readonly string[];
}

export interface DocumentValues {
  readonly scoring: ScoringConfig;
  readonly readiness: ReadinessConfig;
  readonly strategy: Strategy;
  readonly 'product-managers': ProductManagers;
}

/** One problem with a document: the setting as a path (`model.inputs.jobSize.fieldId`) and why. */
export interface DocumentError {
  readonly path: string;
  readonly message: string;
}

export type DocumentParse<K extends DocumentKind> =
  | { readonly ok: true; readonly value: DocumentValues[K]; /** Set when an older document was upgraded. */ readonly migratedFrom?: number }
  | { readonly ok: false; readonly errors: readonly DocumentError[]; readonly newer?: boolean };

export const DOCUMENT_LABELS: Readonly<Record<DocumentKind, string>> = {
  scoring: 'scoring configuration',
  readiness: 'set of readiness rules',
  strategy: 'strategy',
  'product-managers': 'list of product managers',
};

/** The envelope's own version; bump it with a migration in ENVELOPE_MIGRATIONS. */
export const STORAGE_SCHEMA_VERSION = 1;
/** The versions of the documents inside this app writes and reads. */
export const SCORING_CONFIG_VERSION = 1;

const ACCOUNT_ID = /^[A-Za-z0-9:_-]{1,128}$/;

const productManagersSchema = z.strictObject({
  accountIds: z
    .array(z.string().regex(ACCOUNT_ID, { error: 'must be an Atlassian account id (letters, digits, ":", "_" or "-", at most 128)' }))
    .max(LIMITS.productManagers, { error: `at most ${LIMITS.productManagers} product managers` })
    .transform((ids) => [...new Set(ids)]),
});

function pathOf(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : text === '' ? String(part) : `.${String(part)}`;
  return text;
}

export function newerMessage(label: string, version: number, supported: number): string {
  return (
    `This ${label} was saved by a newer version of Throughline (schema version ${version}; this version reads up to ${supported}). ` +
    'Update the app before viewing or changing it; nothing was changed.'
  );
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseScoring(raw: unknown): DocumentParse<'scoring'> {
  if (isRecord(raw) && typeof raw.version === 'number' && raw.version > SCORING_CONFIG_VERSION) {
    return { ok: false, newer: true, errors: [{ path: 'version', message: newerMessage(DOCUMENT_LABELS.scoring, raw.version, SCORING_CONFIG_VERSION) }] };
  }
  const parsed = parseScoringConfig(raw);
  return parsed.ok ? { ok: true, value: parsed.config } : { ok: false, errors: parsed.errors };
}

function parseReadiness(raw: unknown): DocumentParse<'readiness'> {
  // An absent document would take every default: refuse it so "no rules" is never saved by accident.
  if (!isRecord(raw)) return { ok: false, errors: [{ path: '', message: 'The readiness rules must be an object.' }] };
  const parsed = parseReadinessConfig(raw);
  return parsed.ok ? { ok: true, value: parsed.config } : { ok: false, errors: parsed.errors };
}

function parseStrategyDocument(raw: unknown): DocumentParse<'strategy'> {
  if (isRecord(raw) && typeof raw.schemaVersion === 'number' && raw.schemaVersion > STRATEGY_SCHEMA_VERSION) {
    return { ok: false, newer: true, errors: [{ path: 'schemaVersion', message: newerMessage(DOCUMENT_LABELS.strategy, raw.schemaVersion, STRATEGY_SCHEMA_VERSION) }] };
  }
  const parsed = parseStrategy(raw);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  // Product managers live in their own document; the strategy's copy is never read.
  const strategy: Strategy = { ...parsed.strategy };
  delete (strategy as { productManagers?: unknown }).productManagers;
  return parsed.migratedFrom === undefined ? { ok: true, value: strategy } : { ok: true, value: strategy, migratedFrom: parsed.migratedFrom };
}

function parseProductManagers(raw: unknown): DocumentParse<'product-managers'> {
  const parsed = productManagersSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => {
      const path = pathOf(issue.path);
      return { path, message: `${path === '' ? 'The list of product managers' : path} ${issue.message}` };
    }),
  };
}

/** Validates a document of the given kind (stored, imported or sent by the settings page). Never throws. */
export function parseDocument<K extends DocumentKind>(kind: K, raw: unknown): DocumentParse<K> {
  switch (kind) {
    case 'scoring':
      return parseScoring(raw) as DocumentParse<K>;
    case 'readiness':
      return parseReadiness(raw) as DocumentParse<K>;
    case 'strategy':
      return parseStrategyDocument(raw) as DocumentParse<K>;
    default:
      return parseProductManagers(raw) as DocumentParse<K>;
  }
}

/** What is stored for one document: the `settings` entity's attributes. */
export interface DocumentRecord {
  readonly projectId: string;
  readonly kind: DocumentKind;
  readonly schemaVersion: number;
  /** 1 for the first save, +1 for each save after. 0 is never stored: it means "the defaults". */
  readonly revision: number;
  readonly savedAt: string;
  /** The account id of the admin who saved it, or "app" for the app itself. */
  readonly savedBy: string;
  readonly document: unknown;
}

type EnvelopeMigration = (record: Readonly<Record<string, unknown>>) => Record<string, unknown>;

/**
 * Envelope v0 (before versioning) stored the bare document with its revision beside it:
 * `{ revision, value }`. v1 names it `document` and records who saved it.
 */
export function migrateEnvelopeV0(record: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { value, ...rest } = record;
  return { ...rest, schemaVersion: 1, document: value, savedAt: typeof rest.savedAt === 'string' ? rest.savedAt : '', savedBy: typeof rest.savedBy === 'string' ? rest.savedBy : 'unknown' };
}

/** ENVELOPE_MIGRATIONS[n] turns a version n envelope into a version n + 1 envelope. */
export const ENVELOPE_MIGRATIONS: readonly EnvelopeMigration[] = [migrateEnvelopeV0];

const envelopeSchema = z.looseObject({
  schemaVersion: z.literal(STORAGE_SCHEMA_VERSION),
  revision: z.int().min(1),
  savedAt: z.string(),
  savedBy: z.string(),
  document: z.unknown(),
});

export type RecordRead<K extends DocumentKind> =
  | { readonly ok: true; readonly value: DocumentValues[K]; readonly revision: number; readonly savedAt: string; readonly savedBy: string; readonly migratedFrom?: number }
  | { readonly ok: false; readonly revision: number; readonly newer: boolean; readonly message: string; readonly errors: readonly DocumentError[] };

/** Reads a stored record: migrates an older envelope, refuses a newer one, validates the document. */
export function readRecord<K extends DocumentKind>(kind: K, raw: unknown): RecordRead<K> {
  const label = DOCUMENT_LABELS[kind];
  const revisionOf = (value: unknown): number => (isRecord(value) && typeof value.revision === 'number' ? value.revision : 0);
  if (!isRecord(raw)) return { ok: false, revision: 0, newer: false, message: `The stored ${label} is damaged (it is not an object); save it again.`, errors: [] };
  const version = raw.schemaVersion ?? 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { ok: false, revision: revisionOf(raw), newer: false, message: `The stored ${label} has an unreadable schema version; save it again.`, errors: [] };
  }
  if (version > STORAGE_SCHEMA_VERSION) {
    return { ok: false, revision: revisionOf(raw), newer: true, message: newerMessage(label, version, STORAGE_SCHEMA_VERSION), errors: [] };
  }
  let record: Readonly<Record<string, unknown>> = raw;
  for (let step = version; step < STORAGE_SCHEMA_VERSION; step++) {
    const migrate = ENVELOPE_MIGRATIONS[step];
    if (migrate === undefined) return { ok: false, revision: revisionOf(raw), newer: false, message: `No migration of the stored ${label} from schema version ${step} exists.`, errors: [] };
    record = migrate(record);
  }
  const envelope = envelopeSchema.safeParse(record);
  if (!envelope.success) {
    return { ok: false, revision: revisionOf(record), newer: false, message: `The stored ${label} is damaged (${pathOf(envelope.error.issues[0]?.path ?? [])}); save it again.`, errors: [] };
  }
  const parsed = parseDocument(kind, envelope.data.document);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    return {
      ok: false,
      revision: envelope.data.revision,
      newer: parsed.newer === true,
      message: parsed.newer === true ? (first?.message ?? newerMessage(label, 0, 0)) : `The stored ${label} is not valid: ${first === undefined ? 'unknown problem' : first.message}`,
      errors: parsed.errors,
    };
  }
  const migratedFrom = version < STORAGE_SCHEMA_VERSION ? version : parsed.migratedFrom;
  const { revision, savedAt, savedBy } = envelope.data;
  const value = kind === 'strategy' ? ({ ...(parsed.value as Strategy), revision } as DocumentValues[K]) : parsed.value;
  return migratedFrom === undefined ? { ok: true, value, revision, savedAt, savedBy } : { ok: true, value, revision, savedAt, savedBy, migratedFrom };
}
