/**
 * The site's issue links, found from either of their issues: a link shows on both issues in Jira
 * (outward on one, inward on the other), and removing it removes it from both.
 */
import type { StoredLink } from './model';

/** Link ids the dataset leaves out, and new links, are numbered from here: Jira's own are large numbers. */
export const FIRST_LINK_ID = 10_000;

export class LinkIndex {
  private readonly links = new Map<string, StoredLink>();
  private readonly idsByIssue = new Map<string, Set<string>>();
  private nextId = FIRST_LINK_ID;

  /** An id no link has yet. */
  newId(): string {
    return String(this.nextId++);
  }

  add(link: StoredLink): void {
    this.links.set(link.id, link);
    for (const issueId of [link.fromId, link.toId]) {
      let ids = this.idsByIssue.get(issueId);
      if (ids === undefined) {
        ids = new Set();
        this.idsByIssue.set(issueId, ids);
      }
      ids.add(link.id);
    }
    // Numbered ids from the dataset move the counter on, so a new link never takes one of them.
    const number = Number(link.id);
    if (Number.isFinite(number)) this.nextId = Math.max(this.nextId, number + 1);
  }

  /** The link removed, or undefined when there was none with that id. */
  remove(linkId: string): StoredLink | undefined {
    const link = this.links.get(linkId);
    if (link === undefined) return undefined;
    this.links.delete(linkId);
    this.idsByIssue.get(link.fromId)?.delete(linkId);
    this.idsByIssue.get(link.toId)?.delete(linkId);
    return link;
  }

  of(issueId: string): StoredLink[] {
    const ids = this.idsByIssue.get(issueId);
    if (ids === undefined) return [];
    return [...ids].map((id) => this.links.get(id)).filter((link): link is StoredLink => link !== undefined);
  }
}
