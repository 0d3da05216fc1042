/**
 * A multi-select custom field for the tests of editing one in the sidebar: "Customer segments", on
 * the demo dataset, with a scoring configuration whose value is the sum of the segments' numbers.
 * The demo itself has no multi-select; the default configuration must not change because of a test.
 */
import type { DatasetInput } from '../../../dev/jira-emulator';

export const SEGMENTS_FIELD = 'customfield_10070';

export const SEGMENT = {
  enterprise: { id: '10300', value: 'Enterprise' },
  midMarket: { id: '10301', value: 'Mid-market' },
  smallBusiness: { id: '10302', value: 'Small business' },
  publicSector: { id: '10303', value: 'Public sector' },
} as const;

/** Option value → number, as the project's settings would map them. */
export const SEGMENT_VALUES: Readonly<Record<string, number>> = { Enterprise: 8, 'Mid-market': 5, 'Small business': 3, 'Public sector': 5 };

/** Value ÷ Effort, the value being the sum of the issue's customer segments, the effort its story points. */
export const SEGMENTS_SCORING = {
  model: {
    type: 'value-effort',
    inputs: {
      value: { kind: 'select', fieldId: SEGMENTS_FIELD, options: SEGMENT_VALUES, multiple: 'sum', label: 'Customer value' },
      effort: { kind: 'number', fieldId: 'customfield_10016' },
    },
  },
} as const;

/** The dataset with the field, its four options, and Enterprise + Small business on `heldBy` issues. */
export function withCustomerSegments<T extends DatasetInput>(dataset: T, heldBy: readonly string[] = []): T {
  const data = dataset as unknown as { fields: unknown[]; fieldOptions?: Record<string, unknown[]>; issues: { key: string; fields: Record<string, unknown> }[] };
  data.fields.push({
    id: SEGMENTS_FIELD,
    key: SEGMENTS_FIELD,
    name: 'Customer segments',
    custom: true,
    orderable: true,
    navigable: true,
    searchable: true,
    clauseNames: ['cf[10070]', 'Customer segments'],
    schema: { type: 'array', items: 'option', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:multiselect', customId: 10070 },
  });
  data.fieldOptions = { ...data.fieldOptions, [SEGMENTS_FIELD]: Object.values(SEGMENT).map((option) => ({ ...option })) };
  for (const issue of data.issues) if (heldBy.includes(issue.key)) issue.fields[SEGMENTS_FIELD] = [{ id: SEGMENT.enterprise.id }, { id: SEGMENT.smallBusiness.id }];
  return dataset;
}
