/**
 * A project's configuration documents in Forge storage, versioned.
 *
 * Every save names the revision it started from. The write is one transaction whose condition is
 * "the stored revision is still that one" (or "nothing is stored yet" for a first save), so when
 * two admins save at once exactly one wins and the other is told, in words, that someone else
 * changed it first: never a silent overwrite, even between the read and the write.
 */
import type { DocumentKind } from './keys';
import { DOCUMENT_KINDS, SETTINGS_ENTITY, settingsKey } from './keys';
import type { DocumentRecord, DocumentValues } from './documents';
import { DOCUMENT_LABELS, STORAGE_SCHEMA_VERSION, parseDocument, readRecord } from './documents';
import { StorageError, staleMessage } from './errors';
import type { EntityWrite, KvsPort } from './kvs-port';
import { ConditionFailedError, MAX_VALUE_BYTES, byteLengthOf } from './kvs-port';
import { registerProject } from './personal-data';

export type LoadedDocument<K extends DocumentKind> =
  /** Never saved: the project's defaults, revision 0. */
  | { readonly status: 'default'; readonly value: DocumentValues[K]; readonly revision: 0 }
  | {
      readonly status: 'stored';
      readonly value: DocumentValues[K];
      readonly revision: number;
      readonly savedAt: string;
      readonly savedBy: string;
      /** The stored document was older and was read through a migration (it is saved upgraded on the next save). */
      readonly migratedFrom?: number;
    }
  /** Stored but not readable: written by a newer version of the app, or damaged. */
  | { readonly status: 'unreadable'; readonly revision: number; readonly newer: boolean; readonly message: string };

export type ProjectDocuments = { readonly [K in DocumentKind]: LoadedDocument<K> };

/** What a project starts with; scoring defaults depend on the site's fields, so the caller supplies them. */
export type DocumentDefaults = { readonly [K in DocumentKind]: () => DocumentValues[K] };

export interface SaveOptions {
  /** The revision the change started from; 0 when it started from the defaults. */
  readonly baseRevision: number;
  /** Account id of the admin, or "app". */
  readonly actor: string;
  readonly now?: Date;
}

export interface SavedDocument<K extends DocumentKind> {
  readonly value: DocumentValues[K];
  readonly revision: number;
  readonly savedAt: string;
}

export interface SettingsRepository {
  load<K extends DocumentKind>(projectId: string, kind: K, defaults: () => DocumentValues[K]): Promise<LoadedDocument<K>>;
  loadAll(projectId: string, defaults: DocumentDefaults): Promise<ProjectDocuments>;
  /** Validates `raw` as a document of `kind` and saves it, or throws a StorageError in words. */
  save<K extends DocumentKind>(projectId: string, kind: K, raw: unknown, options: SaveOptions): Promise<SavedDocument<K>>;
  /**
   * Replaces all four documents at once (an import): every one is validated first, then all are
   * written in one transaction, each conditional on the revision read here.
   */
  replaceAll(projectId: string, documents: { readonly [K in DocumentKind]: unknown }, options: { readonly actor: string; readonly now?: Date }): Promise<{ readonly [K in DocumentKind]: number }>;
}

function invalid(kind: DocumentKind, errors: readonly { path: string; message: string }[]): StorageError {
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return new StorageError('invalid', `The ${DOCUMENT_LABELS[kind]} was not saved: ${first === undefined ? 'it is not valid' : first.message}${more}.`, errors);
}

interface PreparedWrite<K extends DocumentKind> {
  readonly write: EntityWrite;
  readonly saved: SavedDocument<K>;
}

export function createSettingsRepository(kvs: KvsPort): SettingsRepository {
  async function load<K extends DocumentKind>(projectId: string, kind: K, defaults: () => DocumentValues[K]): Promise<LoadedDocument<K>> {
    const raw = await kvs.getEntity<unknown>(SETTINGS_ENTITY, settingsKey(projectId, kind));
    if (raw === undefined) return { status: 'default', value: defaults(), revision: 0 };
    const read = readRecord(kind, raw);
    if (!read.ok) return { status: 'unreadable', revision: read.revision, newer: read.newer, message: read.message };
    const { value, revision, savedAt, savedBy, migratedFrom } = read;
    return migratedFrom === undefined ? { status: 'stored', value, revision, savedAt, savedBy } : { status: 'stored', value, revision, savedAt, savedBy, migratedFrom };
  }

  /** Validates and builds the conditional write of one document, against what is stored now. */
  function prepare<K extends DocumentKind>(projectId: string, kind: K, raw: unknown, current: LoadedDocument<K> | 'unread', options: SaveOptions): PreparedWrite<K> {
    const label = DOCUMENT_LABELS[kind];
    const parsed = parseDocument(kind, raw);
    if (!parsed.ok) {
      if (parsed.newer === true) throw new StorageError('newer', parsed.errors[0]?.message ?? `This ${label} is from a newer version of Throughline.`, parsed.errors);
      throw invalid(kind, parsed.errors);
    }
    if (current !== 'unread') {
      if (current.status === 'unreadable' && current.newer) throw new StorageError('newer', current.message);
      if (current.revision !== options.baseRevision) throw new StorageError('stale', staleMessage(label, options.baseRevision, current.revision));
    }
    const revision = options.baseRevision + 1;
    const savedAt = (options.now ?? new Date()).toISOString();
    // The strategy carries its revision inside too; keep both the same.
    const value = (kind === 'strategy' ? { ...(parsed.value as DocumentValues['strategy']), revision } : parsed.value) as DocumentValues[K];
    const record: DocumentRecord = { projectId, kind, schemaVersion: STORAGE_SCHEMA_VERSION, revision, savedAt, savedBy: options.actor, document: value };
    if (byteLengthOf(record) > MAX_VALUE_BYTES) {
      throw new StorageError('too-large', `The ${label} is larger than Forge storage keeps in one document (240 KiB); make it smaller.`);
    }
    return {
      write: {
        entity: SETTINGS_ENTITY,
        key: settingsKey(projectId, kind),
        value: record as unknown as Record<string, unknown>,
        conditions: [options.baseRevision === 0 ? { attribute: 'revision', absent: true } : { attribute: 'revision', equals: options.baseRevision }],
      },
      saved: { value, revision, savedAt },
    };
  }

  async function currentRevisionOf(projectId: string, kind: DocumentKind): Promise<number> {
    const raw = await kvs.getEntity<{ revision?: unknown }>(SETTINGS_ENTITY, settingsKey(projectId, kind));
    return typeof raw?.revision === 'number' ? raw.revision : 0;
  }

  return {
    load,

    async loadAll(projectId, defaults) {
      const [scoring, readiness, strategy, productManagers] = await Promise.all([
        load(projectId, 'scoring', defaults.scoring),
        load(projectId, 'readiness', defaults.readiness),
        load(projectId, 'strategy', defaults.strategy),
        load(projectId, 'product-managers', defaults['product-managers']),
      ]);
      return { scoring, readiness, strategy, 'product-managers': productManagers };
    },

    async save(projectId, kind, raw, options) {
      // A cheap read first gives the common stale case a precise message; the condition on the
      // write is what makes it safe when two saves race between this read and the write.
      const current = await load(projectId, kind, () => undefined as never);
      const prepared = prepare(projectId, kind, raw, current, options);
      // Before the write: a project holding account ids is always found by the privacy report.
      await registerProject(kvs, projectId);
      try {
        await kvs.transact([prepared.write]);
      } catch (error: unknown) {
        if (error instanceof ConditionFailedError) {
          throw new StorageError('stale', staleMessage(DOCUMENT_LABELS[kind], options.baseRevision, await currentRevisionOf(projectId, kind)));
        }
        throw error;
      }
      return prepared.saved;
    },

    async replaceAll(projectId, documents, options) {
      const revisions = await Promise.all(DOCUMENT_KINDS.map(async (kind) => [kind, await load(projectId, kind, () => undefined as never)] as const));
      const prepared = revisions.map(([kind, current]) => {
        if (current.status === 'unreadable' && current.newer) throw new StorageError('newer', current.message);
        return [kind, prepare(projectId, kind, documents[kind], 'unread', { baseRevision: current.revision, actor: options.actor, now: options.now })] as const;
      });
      await registerProject(kvs, projectId);
      try {
        await kvs.transact(prepared.map(([, entry]) => entry.write));
      } catch (error: unknown) {
        if (error instanceof ConditionFailedError) {
          throw new StorageError('stale', 'The configuration was changed by someone else while the file was being imported; nothing was imported. Import it again.');
        }
        throw error;
      }
      const result: Partial<Record<DocumentKind, number>> = {};
      for (const [kind, entry] of prepared) result[kind] = entry.saved.revision;
      return result as { readonly [K in DocumentKind]: number };
    },
  };
}
