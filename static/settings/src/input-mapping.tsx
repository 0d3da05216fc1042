/** One input of the model mapped to a field of this project, with the option → number table for selects. */
import type { ReactNode } from 'react';
import type { FieldDiscoveryView } from '../../../src/contract';
import { FIELDLESS, scorableFields, sourceForField } from './model';
import type { Source } from './model';

const FIELDLESS_PREFIX = '@';

function valueOf(source: Source): string {
  return source.fieldId !== undefined && source.kind !== 'votes' && source.kind !== 'watchers' && source.kind !== 'linked-issues' && source.kind !== 'strategic-weight'
    ? source.fieldId
    : `${FIELDLESS_PREFIX}${source.kind}`;
}

const KIND_WORDS: Readonly<Record<string, string>> = {
  number: 'number',
  select: 'select',
  'multi-select': 'multi-select',
  priority: 'priority',
  date: 'date',
};

export function InputMapping(props: {
  readonly id: string;
  readonly label: string;
  readonly source: Source;
  readonly discovery: FieldDiscoveryView;
  readonly suggestions: readonly string[];
  readonly onChange: (source: Source) => void;
}): ReactNode {
  const { id, label, source, discovery, suggestions, onChange } = props;
  const fields = scorableFields(discovery.fields);
  const current = valueOf(source);
  const known = current.startsWith(FIELDLESS_PREFIX) || fields.some((field) => field.id === current);
  const suggested = fields.filter((field) => suggestions.includes(field.id));
  const others = fields.filter((field) => !suggestions.includes(field.id));
  const options = source.kind === 'select' && source.fieldId !== undefined ? (discovery.selectOptions[source.fieldId] ?? []) : [];
  const fieldKind = discovery.fields.find((field) => field.id === source.fieldId)?.kind;
  return (
    <div className="tl-mapping">
      <label className="tl-label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="tl-select"
        value={current}
        aria-invalid={!known}
        onChange={(event) => {
          const value = event.target.value;
          if (value.startsWith(FIELDLESS_PREFIX)) onChange({ kind: value.slice(FIELDLESS_PREFIX.length) as Source['kind'] });
          else onChange(sourceForField(discovery, value));
        }}
      >
        {!known && <option value={current}>{current === '' ? 'Choose a field' : `Missing field (${current})`}</option>}
        {suggested.length > 0 && (
          <optgroup label="Suggested">
            {suggested.map((field) => (
              <option key={field.id} value={field.id}>
                {field.name} ({KIND_WORDS[field.kind] ?? field.kind})
              </option>
            ))}
          </optgroup>
        )}
        <optgroup label="Fields of this site">
          {others.map((field) => (
            <option key={field.id} value={field.id}>
              {field.name} ({KIND_WORDS[field.kind] ?? field.kind})
            </option>
          ))}
        </optgroup>
        <optgroup label="From the issue or its theme">
          {FIELDLESS.map(([kind, words]) => (
            <option key={kind} value={`${FIELDLESS_PREFIX}${kind}`}>
              {words}
            </option>
          ))}
        </optgroup>
      </select>
      {!known && current !== '' && (
        <p className="tl-field-error" role="alert">
          The field {current} is not on this site any more: issues will show this input as missing until you choose another.
        </p>
      )}
      {source.kind === 'priority' && <p className="tl-hint">Priority by name: Highest 20, High 13, Medium 8, Low 3, Lowest 1.</p>}
      {source.kind === 'date' && <p className="tl-hint">By days remaining: overdue 20, within a week 13, a month 8, 3 months 5, 6 months 3, later 1.</p>}
      {source.kind === 'select' && (
        <fieldset className="tl-option-table">
          <legend className="tl-hint">Each option as a number</legend>
          {options.length === 0 && <p className="tl-hint">Jira lists no options for this field in this project.</p>}
          {options.map((option) => (
            <label key={option.id} className="tl-option-row">
              <span>{option.value}</span>
              <input
                type="number"
                step="any"
                className="tl-number"
                value={source.options?.[option.value] ?? ''}
                onChange={(event) => {
                  const number = event.target.valueAsNumber;
                  const table = Object.fromEntries(Object.entries(source.options ?? {}).filter(([value]) => value !== option.value));
                  if (!Number.isNaN(number)) table[option.value] = number;
                  onChange({ ...source, options: table });
                }}
              />
            </label>
          ))}
          {fieldKind === 'multi-select' && (
            <label className="tl-option-row">
              <span>Several options chosen</span>
              <select
                className="tl-select"
                value={source.multiple ?? 'sum'}
                onChange={(event) => {
                  onChange({ ...source, multiple: event.target.value === 'max' ? 'max' : 'sum' });
                }}
              >
                <option value="sum">add them up</option>
                <option value="max">take the largest</option>
              </select>
            </label>
          )}
        </fieldset>
      )}
    </div>
  );
}
