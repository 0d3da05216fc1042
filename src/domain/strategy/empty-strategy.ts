import { CURRENT_SCHEMA_VERSION } from './model';
import type { Strategy } from './model';

/** The strategy of a project nobody has written one for yet. Revision 0 means "never saved". */
export function emptyStrategy(): Strategy {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    revision: 0,
    vision: { statement: '', targetCustomers: '', goals: [] },
    themes: [],
  };
}
