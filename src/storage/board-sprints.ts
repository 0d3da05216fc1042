/**
 * What the Sprint readiness gadget last saw of a board: its project, its next sprint and the closed
 * sprints that made its velocity. The gadget's next load starts reading those sprints at once,
 * beside Jira's answer about the board, instead of after it (a round trip less); a read is used
 * only if Jira then names the same project and sprints. Ids only: no issue data, nothing personal.
 * What is stored is checked on the way out: anything else reads as nothing remembered.
 */
import { z } from 'zod';
import { boardSprintsKey } from './keys';
import type { KvsPort } from './kvs-port';

const SPRINT_ID = z.number().int().positive();

const boardSprintsSchema = z.strictObject({
  projectId: z.string().regex(/^[1-9][0-9]{0,17}$/),
  nextSprintId: SPRINT_ID.nullable(),
  closedSprintIds: z.array(SPRINT_ID).max(10),
});

export type BoardSprints = z.infer<typeof boardSprintsSchema>;

export interface BoardSprintsMemory {
  recall(boardId: string): Promise<BoardSprints | undefined>;
  /** Kept only when it differs from what is remembered (`known`, as recalled). */
  remember(boardId: string, seen: BoardSprints, known: BoardSprints | undefined): Promise<void>;
}

const sameSprints = (a: BoardSprints, b: BoardSprints): boolean =>
  a.projectId === b.projectId && a.nextSprintId === b.nextSprintId && a.closedSprintIds.length === b.closedSprintIds.length && a.closedSprintIds.every((id, index) => b.closedSprintIds[index] === id);

export function createBoardSprintsMemory(kvs: KvsPort): BoardSprintsMemory {
  return {
    async recall(boardId) {
      const parsed = boardSprintsSchema.safeParse(await kvs.get(boardSprintsKey(boardId)));
      return parsed.success ? parsed.data : undefined;
    },
    async remember(boardId, seen, known) {
      if (known !== undefined && sameSprints(seen, known)) return;
      await kvs.set(boardSprintsKey(boardId), boardSprintsSchema.parse(seen));
    },
  };
}
