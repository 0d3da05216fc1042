/**
 * The whole configuration of a project as one JSON file, for export, review and import.
 *
 *   { "format": "throughline-configuration", "schemaVersion": 1, "exportedAt": "…",
 *     "project": { "id": "10000", "key": "TL" },
 *     "scoring": {…}, "readiness": {…}, "strategy": {…}, "productManagers": ["…"] }
 *
 * An import is checked in full before anything is written: the file must parse, be this format,
 * not be newer than this app reads, belong to this project (unless the admin allows another
 * project's file), and every section must validate. The first problem is reported with its path
 * in the file (`scoring.model.inputs.jobSize.fieldId`).
 */
import type { DocumentKind } from './keys';
import type { DocumentError, DocumentValues } from './documents';
import { parseDocument } from './documents';

export const CONFIGURATION_FORMAT = 'throughline-configuration';
export const CONFIGURATION_FILE_VERSION = 1;
/** A configuration file is a few KB; anything near this is not one. */
export const MAX_CONFIGURATION_FILE_CHARS = 1_000_000;

export interface ConfigurationFile {
  readonly format: typeof CONFIGURATION_FORMAT;
  readonly schemaVersion: number;
  readonly exportedAt: string;
  readonly project: { readonly id: string; readonly key: string };
  readonly scoring: DocumentValues['scoring'];
  readonly readiness: DocumentValues['readiness'];
  readonly strategy: DocumentValues['strategy'];
  readonly productManagers: readonly string[];
}

export function configurationFileOf(
  project: { readonly id: string; readonly key: string },
  documents: { readonly [K in DocumentKind]: DocumentValues[K] },
  now: Date = new Date(),
): ConfigurationFile {
  return {
    format: CONFIGURATION_FORMAT,
    schemaVersion: CONFIGURATION_FILE_VERSION,
    exportedAt: now.toISOString(),
    project: { id: project.id, key: project.key },
    scoring: documents.scoring,
    readiness: documents.readiness,
    strategy: documents.strategy,
    productManagers: documents['product-managers'].accountIds,
  };
}

export type ImportRefusal = 'invalid' | 'newer' | 'other-project';

export type ImportCheck =
  | {
      readonly ok: true;
      readonly documents: { readonly [K in DocumentKind]: DocumentValues[K] };
      readonly sourceProject: { readonly id: string; readonly key: string | undefined };
      /** Sections that were written by an older version and were upgraded. */
      readonly migrated: readonly string[];
    }
  | { readonly ok: false; readonly code: ImportRefusal; readonly message: string; readonly path: string };

function refuse(code: ImportRefusal, path: string, message: string): ImportCheck {
  return { ok: false, code, path, message };
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${(JSON.stringify(value) as string | undefined ?? '').slice(0, 40)}`;
}

const SECTIONS: readonly { readonly kind: DocumentKind; readonly name: string }[] = [
  { kind: 'scoring', name: 'scoring' },
  { kind: 'readiness', name: 'readiness' },
  { kind: 'strategy', name: 'strategy' },
  { kind: 'product-managers', name: 'productManagers' },
];

function prefixed(section: string, error: DocumentError): { path: string; message: string } {
  const path = error.path === '' ? section : error.path.startsWith('[') ? `${section}${error.path}` : `${section}.${error.path}`;
  return { path, message: error.message };
}

/** "rules.x.maxPoints must be …" → "must be …": the path is said once, in front. */
function withoutLeadingPath(message: string, path: string): string {
  return path !== '' && message.startsWith(path) ? message.slice(path.length).replace(/^[:\s]+/, '') : message;
}

export interface ImportOptions {
  /** The project the file is imported into (from the verified context, never the file). */
  readonly projectId: string;
  /** The admin confirmed that a file exported from another project may be imported here. */
  readonly allowOtherProject?: boolean;
}

/** Checks a configuration file (its text, or already-parsed JSON) in full; never throws, never writes. */
export function checkConfigurationFile(input: unknown, options: ImportOptions): ImportCheck {
  let raw: unknown = input;
  if (typeof input === 'string') {
    if (input.length > MAX_CONFIGURATION_FILE_CHARS) return refuse('invalid', '', `The file is too large to be a Throughline configuration (${input.length.toLocaleString('en-US')} characters).`);
    try {
      raw = JSON.parse(input);
    } catch (error: unknown) {
      return refuse('invalid', '', `The file is not JSON: ${error instanceof Error ? error.message : 'it could not be read'}.`);
    }
  }
  if (!isRecord(raw)) return refuse('invalid', '', `The file must be a Throughline configuration (a JSON object), not ${describe(raw)}.`);
  if (raw.format !== CONFIGURATION_FORMAT) {
    return refuse('invalid', 'format', `format: expected "${CONFIGURATION_FORMAT}", got ${describe(raw.format)}; this is not a Throughline configuration file.`);
  }
  const version = raw.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return refuse('invalid', 'schemaVersion', `schemaVersion: expected a whole number of 1 or more, got ${describe(version)}.`);
  }
  if (version > CONFIGURATION_FILE_VERSION) {
    return refuse(
      'newer',
      'schemaVersion',
      `This file was exported by a newer version of Throughline (schema version ${version}; this version reads up to ${CONFIGURATION_FILE_VERSION}). Update the app, then import it again; nothing was imported.`,
    );
  }
  const project = raw.project;
  if (!isRecord(project) || typeof project.id !== 'string' || project.id === '') {
    return refuse('invalid', 'project.id', 'project.id: expected the id of the project the file was exported from.');
  }
  const sourceKey = typeof project.key === 'string' ? project.key : undefined;
  if (project.id !== options.projectId && options.allowOtherProject !== true) {
    return refuse(
      'other-project',
      'project.id',
      `This file was exported from another project (${sourceKey ?? `id ${project.id}`}); its field mapping may not fit this one. Confirm that you want to import it here; nothing was imported.`,
    );
  }

  const documents: Partial<Record<DocumentKind, unknown>> = {};
  const migrated: string[] = [];
  for (const { kind, name } of SECTIONS) {
    let section: unknown = raw[name];
    if (kind === 'product-managers') {
      if (section === undefined) section = [];
      if (!Array.isArray(section)) return refuse('invalid', name, `${name}: expected a list of account ids, got ${describe(section)}.`);
      section = { accountIds: section };
    } else if (section === undefined) {
      return refuse('invalid', name, `${name}: missing; the file must contain the ${name} section.`);
    }
    const parsed = parseDocument(kind, section);
    if (!parsed.ok) {
      const first = parsed.errors[0];
      if (first === undefined) return refuse('invalid', name, `${name}: not valid.`);
      const where = prefixed(name, kind === 'product-managers' ? { ...first, path: first.path.replace(/^accountIds/, '') } : first);
      return refuse(parsed.newer === true ? 'newer' : 'invalid', where.path, `${where.path}: ${withoutLeadingPath(first.message, first.path)}`);
    }
    if (parsed.migratedFrom !== undefined) migrated.push(name);
    documents[kind] = parsed.value;
  }
  return {
    ok: true,
    documents: documents as { readonly [K in DocumentKind]: DocumentValues[K] },
    sourceProject: { id: project.id, key: sourceKey },
    migrated,
  };
}
