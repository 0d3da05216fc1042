/**
 * The dataset's issues and links as the emulator stores them: references resolved to ids, links
 * deduplicated (a dataset may list a link on both of its issues), and field values normalised, so
 * `EmulatorState` starts from stored issues and never reads the dataset's issue shape again.
 */
import type { Dataset, DatasetField, DatasetLinkType, DatasetProject, DatasetSprint } from './dataset-schema';
import { DatasetError } from './load-dataset';
import { FIRST_LINK_ID } from './link-index';
import type { StoredIssue, StoredLink } from './model';

/** Fields that the emulator renders from its own tables rather than from `StoredIssue.fields`. */
const DERIVED_FIELDS = new Set(['project', 'issuetype', 'status', 'parent', 'issuelinks', 'subtasks']);


/** The catalogs loading reads: where a project key, a sprint or a field's type is looked up. */
export interface LoadCatalog {
  readonly projectsByKey: ReadonlyMap<string, DatasetProject>;
  readonly sprints: ReadonlyMap<number, DatasetSprint>;
  readonly fieldsById: ReadonlyMap<string, DatasetField>;
  readonly sprintFieldId: string | undefined;
}

export function loadStoredIssues(dataset: Dataset, catalog: LoadCatalog): { issues: StoredIssue[]; links: StoredLink[] } {
  const idsByKey = new Map(dataset.issues.map((i) => [i.key, i.id]));
  const idOfRef = (ref: { id?: string | undefined; key?: string | undefined }): string | undefined =>
    ref.id ?? (ref.key === undefined ? undefined : idsByKey.get(ref.key));
  const linkTypeOf = (type: { id?: string | undefined; name?: string | undefined }): DatasetLinkType | undefined =>
    dataset.issueLinkTypes.find((t) => t.id === type.id || t.name === type.name);
  const { sprintFieldId } = catalog;
  const seenLinks = new Set<string>();
  const issues: StoredIssue[] = [];
  const links: StoredLink[] = [];
  let nextLinkId = FIRST_LINK_ID;
  dataset.issues.forEach((issue, index) => {
    const { project, issuetype, status, parent, issuelinks, ...rest } = issue.fields;
    const projectId = project.id ?? catalog.projectsByKey.get(project.key ?? '')?.id ?? '';
    const sprintIds: number[] = [];
    if (sprintFieldId !== undefined) {
      const raw = rest[sprintFieldId];
      if (Array.isArray(raw)) {
        raw.forEach((entry: unknown, s) => {
          const sprintId = typeof entry === 'number' ? entry : (entry as { id?: unknown } | null)?.id;
          if (typeof sprintId !== 'number' || !catalog.sprints.has(sprintId)) {
            throw new DatasetError(`issues[${index}].fields.${sprintFieldId}[${s}]: unknown sprint`);
          }
          sprintIds.push(sprintId);
        });
      }
    }
    const kept = Object.fromEntries(Object.entries(rest).filter(([fieldId]) => fieldId !== sprintFieldId && fieldId !== 'subtasks'));
    issues.push({
      id: issue.id,
      key: issue.key,
      keyNumber: Number(issue.key.split('-').pop()),
      projectId,
      issueTypeId: issuetype.id,
      statusId: status.id,
      parentId: parent === undefined || parent === null ? undefined : idOfRef(parent),
      sprintIds,
      securityLevelId: issue.securityLevelId,
      fields: normaliseFields(catalog, kept),
      properties: new Map(Object.entries(issue.properties ?? {})),
    });
    for (const link of issuelinks ?? []) {
      const type = linkTypeOf(link.type);
      const otherId = idOfRef(link.inwardIssue ?? link.outwardIssue ?? {});
      if (type === undefined || otherId === undefined) continue;
      // On issue X, an outwardIssue Y reads "X <outward> Y"; an inwardIssue Y reads "Y <outward> X".
      const fromId = link.outwardIssue === undefined ? otherId : issue.id;
      const toId = link.outwardIssue === undefined ? issue.id : otherId;
      const dedupe = `${type.id}:${fromId}:${toId}`;
      if (seenLinks.has(dedupe)) continue;
      seenLinks.add(dedupe);
      links.push({ id: link.id ?? String(nextLinkId++), typeId: type.id, fromId, toId });
    }
  });
  return { issues, links };
}

/** References become `{id}` / `{accountId}` so renders always show the catalogs' current values. */
function normaliseFields(catalog: LoadCatalog, fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [fieldId, value] of Object.entries(fields)) {
    if (DERIVED_FIELDS.has(fieldId)) continue;
    const type = catalog.fieldsById.get(fieldId)?.schema?.type;
    const ref = value as Record<string, unknown> | null;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      if (type === 'user' && typeof ref?.accountId === 'string') {
        out[fieldId] = { accountId: ref.accountId };
        continue;
      }
      if ((type === 'priority' || type === 'resolution' || type === 'option') && typeof ref?.id === 'string') {
        out[fieldId] = { id: ref.id };
        continue;
      }
    }
    out[fieldId] = value;
  }
  return out;
}
