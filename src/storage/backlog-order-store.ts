/**
 * What "Order the backlog by score" keeps in Forge storage: the pinned issues of each project
 * (who pinned them, when, why; at most MAX_PINS) and, per board, the order before the last
 * reordering and the order it left (at most MAX_SAVED_ORDER issues), so Undo can restore it (not
 * who applied it: no account id is kept there).
 * Every value is checked when read: a stored value of another shape reads as none.
 */
import { z } from 'zod';
import { backlogPinsKey, backlogUndoKey } from './keys';
import type { KvsPort } from './kvs-port';
import { registerProject } from './personal-data';

export const MAX_PINS = 200;
export const MAX_PIN_REASON = 300;
export const MAX_SAVED_ORDER = 5000;

const pinSchema = z.object({
  key: z.string().max(300),
  by: z.string().max(128),
  at: z.string().max(40),
  reason: z.string().max(MAX_PIN_REASON),
});
const pinsSchema = z.object({ pins: z.record(z.string().regex(/^[1-9][0-9]{0,17}$/), pinSchema) });

export type BacklogPin = z.infer<typeof pinSchema>;

const undoSchema = z.object({
  boardId: z.string(),
  at: z.string().max(40),
  before: z.array(z.string().max(300)).max(MAX_SAVED_ORDER),
  after: z.array(z.string().max(300)).max(MAX_SAVED_ORDER),
});

export type SavedBacklogOrder = z.infer<typeof undoSchema>;

export interface BacklogOrderStore {
  /** Pins by issue id. */
  pins(projectId: string): Promise<Record<string, BacklogPin>>;
  savePins(projectId: string, pins: Readonly<Record<string, BacklogPin>>): Promise<void>;
  saved(boardId: string): Promise<SavedBacklogOrder | undefined>;
  save(order: SavedBacklogOrder): Promise<void>;
  forget(boardId: string): Promise<void>;
}

export function createBacklogOrderStore(kvs: KvsPort): BacklogOrderStore {
  return {
    async pins(projectId) {
      const parsed = pinsSchema.safeParse(await kvs.get(backlogPinsKey(projectId)));
      return parsed.success ? parsed.data.pins : {};
    },
    async savePins(projectId, pins) {
      if (Object.keys(pins).length > MAX_PINS) throw new RangeError(`A project keeps at most ${String(MAX_PINS)} pinned issues.`);
      // Pins name who pinned them: the project is registered as holding account ids first (personal-data.ts).
      await registerProject(kvs, projectId);
      await kvs.set(backlogPinsKey(projectId), { pins });
    },
    async saved(boardId) {
      const parsed = undoSchema.safeParse(await kvs.get(backlogUndoKey(boardId)));
      return parsed.success && parsed.data.boardId === boardId ? parsed.data : undefined;
    },
    async save(order) {
      await kvs.set(backlogUndoKey(order.boardId), undoSchema.parse(order));
    },
    async forget(boardId) {
      await kvs.delete(backlogUndoKey(boardId));
    },
  };
}
