/**
 * Which theme an epic serves: the app's own record, and the only truth about it.
 *
 * The issue property `throughline.theme` on the epic is an index for JQL that the app writes (and
 * the recompute repairs); any editor of the epic can write that property through Jira's REST API,
 * so it is never read back as the attachment. Attaching is allowed only to project admins and the
 * project's product managers (src/resolvers/project-page.ts), and only what they attached is here.
 *
 * Layout: one plain key per epic, `epic-theme:<projectId>:<epicId>` → `{ themeId, epicKey,
 * attachedBy, attachedAt }`. Why not one map per project: a value holds at most 240 KiB, which a
 * project with a few thousand epics would reach (≈ 90 bytes an epic), and every attach would
 * rewrite (and race on) the whole map. Why not a custom entity with an index: the epics the app
 * evaluates are always known by id, so a batch get by key (25 a call) is all a page of issues
 * needs; a project's attachments are still listed by the key prefix (pages of 20) for the rare
 * whole-project reads. The project id in the key is the epic's project when it was attached: an
 * epic moved to another project loses its theme (the themes of its old project mean nothing there).
 */
import { z } from 'zod';
import { epicThemeImportKey, epicThemeKey, epicThemePrefix, isIssueId } from './keys';
import type { KvsPort } from './kvs-port';
import { MAX_BATCH_ITEMS } from './kvs-port';

/** The strategy's own theme id rule (src/domain/strategy/model.ts): anything else stored is damage. */
const THEME_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export interface EpicAttachment {
  readonly themeId: string;
  readonly epicKey: string;
  /** Account id of who attached it; `import:<accountId>` for a property adopted by an admin's recompute. */
  readonly attachedBy: string;
  readonly attachedAt: string;
}

const attachmentSchema = z.object({
  themeId: z.string().regex(THEME_ID),
  epicKey: z.string().max(300),
  attachedBy: z.string().max(200),
  attachedAt: z.string().max(40),
});

export interface EpicRefInProject {
  readonly projectId: string;
  readonly epicId: string;
}

export interface EpicThemeStore {
  /** The attachments of the given epics, by epic id; each looked up under the epic's own project. */
  themesOf(epics: readonly EpicRefInProject[]): Promise<Map<string, EpicAttachment>>;
  /** Every attachment of a project (Forge lists keys 20 a call), by epic id. */
  listProject(projectId: string): Promise<Map<string, EpicAttachment>>;
  attach(projectId: string, epicId: string, attachment: EpicAttachment): Promise<void>;
  detach(projectId: string, epicId: string): Promise<void>;
  /** When the project's existing theme properties were adopted (once, by an admin's recompute), if ever. */
  importedAt(projectId: string): Promise<string | undefined>;
  markImported(projectId: string, by: string, at: Date): Promise<void>;
}

function parsed(value: unknown): EpicAttachment | undefined {
  const result = attachmentSchema.safeParse(value);
  // A damaged record is no attachment: the epic shows as not aligned, and can be attached again.
  return result.success ? result.data : undefined;
}

export function createEpicThemeStore(kvs: KvsPort): EpicThemeStore {
  return {
    async themesOf(epics) {
      const wanted = new Map<string, string>();
      for (const { projectId, epicId } of epics) if (isIssueId(epicId)) wanted.set(epicThemeKey(projectId, epicId), epicId);
      const keys = [...wanted.keys()];
      const chunks: string[][] = [];
      for (let start = 0; start < keys.length; start += MAX_BATCH_ITEMS) chunks.push(keys.slice(start, start + MAX_BATCH_ITEMS));
      const found = new Map<string, EpicAttachment>();
      for (const stored of await Promise.all(chunks.map((chunk) => kvs.getMany(chunk)))) {
        for (const [key, value] of stored) {
          const epicId = wanted.get(key);
          const attachment = parsed(value);
          if (epicId !== undefined && attachment !== undefined) found.set(epicId, attachment);
        }
      }
      return found;
    },
    async listProject(projectId) {
      const prefix = epicThemePrefix(projectId);
      const found = new Map<string, EpicAttachment>();
      let cursor: string | undefined;
      do {
        const page = await kvs.listPrefix(prefix, cursor);
        for (const { key, value } of page.entries) {
          const attachment = parsed(value);
          const epicId = key.slice(prefix.length);
          if (attachment !== undefined && isIssueId(epicId)) found.set(epicId, attachment);
        }
        cursor = page.cursor;
      } while (cursor !== undefined);
      return found;
    },
    async attach(projectId, epicId, attachment) {
      await kvs.set(epicThemeKey(projectId, epicId), attachmentSchema.parse(attachment));
    },
    async detach(projectId, epicId) {
      await kvs.delete(epicThemeKey(projectId, epicId));
    },
    async importedAt(projectId) {
      const stored = await kvs.get<{ at?: unknown }>(epicThemeImportKey(projectId));
      return typeof stored?.at === 'string' ? stored.at : undefined;
    },
    async markImported(projectId, by, at) {
      await kvs.set(epicThemeImportKey(projectId), { at: at.toISOString(), by });
    },
  };
}
