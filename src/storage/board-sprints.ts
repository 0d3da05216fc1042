/**
 * What the Sprint readiness gadget last saw of a board: its project, its next sprint, the closed
 * sprints that made its velocity and the epics the next sprint's issues had as parents. The
 * gadget's next load starts reading those sprints (and looking up those epics) at once,
 * beside Jira's answer about the board, instead of after it (a round trip less); a read is used
 * only if Jira then names the same project and sprints. Ids and keys only: no issue data, nothing
 * personal.
 * What is stored is checked on the way out: anything else reads as nothing remembered.
 */
import { z } from 'zod';
import { boardSprintsKey } from './keys';
import type { KvsPort } from './kvs-port';

const SPRINT_ID = z.number().int().positive();

/** A sprint of 500 stories under as many epics; each key is Jira's form, nothing else. */
const MAX_PARENT_EPICS = 500;

const boardSprintsSchema = z.strictObject({
  projectId: z.string().regex(/^[1-9][0-9]{0,17}$/),
  nextSprintId: SPRINT_ID.nullable(),
  closedSprintIds: z.array(SPRINT_ID).max(10),
  /** The epics the next sprint's issues had as parents: looked up ahead, as the viewer, next time. */
  parentEpicKeys: z.array(z.string().regex(/^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}$/)).max(MAX_PARENT_EPICS),
});

export type BoardSprints = z.infer<typeof boardSprintsSchema>;

export interface BoardSprintsMemory {
  recall(boardId: string): Promise<BoardSprints | undefined>;
  /** Kept only when it differs from what is remembered (`known`, as recalled). */
  remember(boardId: string, seen: BoardSprints, known: BoardSprints | undefined): Promise<void>;
}

const sameList = <T>(a: readonly T[], b: readonly T[]): boolean => a.length === b.length && a.every((item, index) => b[index] === item);

const sameSprints = (a: BoardSprints, b: BoardSprints): boolean =>
  a.projectId === b.projectId && a.nextSprintId === b.nextSprintId && sameList(a.closedSprintIds, b.closedSprintIds) && sameList([...a.parentEpicKeys].sort(), [...b.parentEpicKeys].sort());

export function createBoardSprintsMemory(kvs: KvsPort): BoardSprintsMemory {
  return {
    async recall(boardId) {
      const parsed = boardSprintsSchema.safeParse(await kvs.get(boardSprintsKey(boardId)));
      return parsed.success ? parsed.data : undefined;
    },
    async remember(boardId, seen, known) {
      const kept = { ...seen, parentEpicKeys: [...new Set(seen.parentEpicKeys)].sort().slice(0, MAX_PARENT_EPICS) };
      if (known !== undefined && sameSprints(kept, known)) return;
      await kvs.set(boardSprintsKey(boardId), boardSprintsSchema.parse(kept));
    },
  };
}
