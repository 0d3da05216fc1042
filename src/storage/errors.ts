/** Why a save or an import was refused, in words a project admin can act on. */
import type { DocumentError } from './documents';

export type StorageErrorCode = 'stale' | 'invalid' | 'newer' | 'too-large' | 'other-project';

export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    /** For 'invalid': every problem found, each with the setting's path. */
    readonly errors: readonly DocumentError[] = [],
  ) {
    super(message);
  }
}

export function isStorageError(value: unknown): value is StorageError {
  return value instanceof StorageError;
}

export function staleMessage(label: string, baseRevision: number, currentRevision: number): string {
  const now = currentRevision === 0 ? 'it has been reset since' : `it is now at revision ${currentRevision}`;
  return (
    `The ${label} was changed by someone else since you opened it (you started from revision ${baseRevision}; ${now}). ` +
    'Reload to see their changes, then make yours again; nothing was saved.'
  );
}
