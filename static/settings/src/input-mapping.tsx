/** One input of the model mapped to a field of this project, with the option → number table for selects. */
import type { ReactNode } from 'react';
import type { FieldDiscoveryView } from '../../../src/contract';
import { FIELDLESS_INPUTS } from '../../../src/domain/scoring/catalogue';
import type { InputSourceInput } from '../../../src/domain/scoring/config';
import { scorableFields, sourceForField } from './model';

const FIELDLESS_PREFIX = '@';

/** The field id of a source that reads one; undefined for votes, watchers, links and the theme's weight. */
function fieldIdOf(source: InputSourceInput): string | undefined {
  return 'fieldId' in source ? source.fieldId : undefined;
}

function valueOf(source: InputSourceInput): string {
  return fieldIdOf(source) ?? `${FIELDLESS_PREFIX}${source.kind}`;
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
  readonly source: InputSourceInput;
  readonly discovery: FieldDiscoveryView;
  readonly suggestions: readonly string[];
  readonly onChange: (source: InputSourceInput) => void;
}): ReactNode {
  const { id, label, source, discovery, suggestions, onChange } = props;
  const fields = scorableFields(discovery.fields);
  const current = valueOf(source);
  const known = current.startsWith(FIELDLESS_PREFIX) || fields.some((field) => field.id === current);
  const suggested = fields.filter((field) => suggestions.includes(field.id));
  const others = fields.filter((field) => !suggestions.includes(field.id));
  const options = source.kind === 'select' ? (discovery.selectOptions[source.fieldId] ?? []) : [];
  const fieldKind = discovery.fields.find((field) => field.id === fieldIdOf(source))?.kind;
  return (
    <div className="tl-mapping">
      <label className="tl-field-label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="tl-select"
        value={current}
        aria-invalid={!known}
        onChange={(event) => {
          const value = event.target.value;
          const fieldless = FIELDLESS_INPUTS.find((input) => `${FIELDLESS_PREFIX}${input.kind}` === value);
          onChange(fieldless === undefined ? sourceForField(discovery, value) : { kind: fieldless.kind });
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
          {FIELDLESS_INPUTS.map((input) => (
            <option key={input.kind} value={`${FIELDLESS_PREFIX}${input.kind}`}>
              {input.label}
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
                value={source.options[option.value] ?? ''}
                onChange={(event) => {
                  const number = event.target.valueAsNumber;
                  const table = Object.fromEntries(Object.entries(source.options).filter(([value]) => value !== option.value));
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
