/** The Definition of Ready: each rule's switch, severity and parameters, with how many open stories it would flag. */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { FieldDiscoveryView, ReadinessConfig, ReadinessConfigInput, ReadinessPreviewView } from '../../../src/contract';
import type { RuleId } from '../../../src/domain/readiness/rule-ids';
import { Table } from '../../common/components';
import { formatNumber } from '../../common/format';
import { invokeResolver, settle } from '../../common/invoke';
import type { UiError } from '../../common/invoke';
import { ProblemList, SaveOutcome, useDebounced, useDocumentDraft } from './shared';
import type { DocumentSectionProps } from './shared';
import { GateChoice } from './gate-choice';
import { useLocale } from '../../common/locale';

/** The rules as the page edits them: the domain's own input type, what the domain's schema reads. */
type RulesDraft = NonNullable<ReadinessConfigInput['rules']>;
type RuleDraft = NonNullable<RulesDraft[RuleId]>;

function withRule<K extends RuleId>(rules: RulesDraft, id: K, rule: RulesDraft[K]): RulesDraft {
  return { ...rules, [id]: rule };
}

/** A number parameter of a rule ("maxPoints"), as the input shows it: empty when not a number. */
function parameterOf(rule: RuleDraft, key: string): number | '' {
  const value: unknown = (rule as Readonly<Record<string, unknown>>)[key];
  return typeof value === 'number' ? value : '';
}

function withParameter<R extends RuleDraft>(rule: R, key: string, value: number): R {
  return { ...rule, [key]: value };
}

const RULES: readonly { readonly id: RuleId; readonly name: string; readonly parameters: readonly { readonly key: string; readonly label: string; readonly min: number; readonly step?: number }[] }[] = [
  { id: 'estimate-present', name: 'Has an estimate', parameters: [] },
  { id: 'estimate-small', name: 'Estimate is small enough', parameters: [{ key: 'maxPoints', label: 'At most (points)', min: 0.5, step: 0.5 }] },
  { id: 'acceptance-criteria', name: 'Has acceptance criteria', parameters: [] },
  { id: 'description-length', name: 'Description is long enough', parameters: [{ key: 'minWords', label: 'At least (words)', min: 1 }] },
  { id: 'has-epic', name: 'Belongs to an epic', parameters: [] },
  { id: 'epic-has-theme', name: 'Its epic serves a theme', parameters: [] },
  { id: 'no-open-blocker', name: 'No open blocker', parameters: [] },
  { id: 'required-fields', name: 'Required fields are set', parameters: [] },
  { id: 'score-complete', name: 'Priority score is complete', parameters: [] },
  { id: 'user-story-form', name: 'Written as a user story', parameters: [] },
  { id: 'refined-recently', name: 'Refined recently', parameters: [{ key: 'maxDays', label: 'Within (days)', min: 1 }] },
];

type PreviewState = { readonly status: 'loading' } | { readonly status: 'ready'; readonly preview: ReadinessPreviewView } | { readonly status: 'failed'; readonly error: UiError };

const NO_FIELD = '';

/**
 * Which field the estimate rules read. Number fields only, the discovered story points field first;
 * "None" when the site has none, which the rules then report instead of reading a missing field.
 */
function StoryPointsFieldPicker(props: {
  readonly value: ReadinessConfigInput['storyPointsField'];
  readonly discovery: FieldDiscoveryView;
  readonly onChange: (next: { id: string; name: string } | null) => void;
}): ReactNode {
  const { value, discovery, onChange } = props;
  const numbers = discovery.fields.filter((field) => field.kind === 'number');
  const current = value === undefined ? (discovery.storyPoints?.id ?? NO_FIELD) : (value?.id ?? NO_FIELD);
  // A stored field the site no longer lists stays selectable, so opening the page changes nothing.
  const known = current === NO_FIELD || numbers.some((field) => field.id === current);
  return (
    <>
      <label className="tl-field-label" htmlFor="story-points-field">
        Story points field (read by “Has an estimate” and “Estimate is small enough”)
      </label>
      <select
        id="story-points-field"
        className="tl-select"
        value={current}
        onChange={(event) => {
          const field = numbers.find((candidate) => candidate.id === event.target.value);
          onChange(field === undefined ? null : { id: field.id, name: field.name });
        }}
      >
        <option value={NO_FIELD}>None: this site has no story points field</option>
        {!known && <option value={current}>{value?.name ?? current} (not on this site)</option>}
        {numbers.map((field) => (
          <option key={field.id} value={field.id}>
            {field.name} ({field.id}){field.id === discovery.storyPoints?.id ? ', found by type' : ''}
          </option>
        ))}
      </select>
      {current === NO_FIELD && (
        <div className="tl-message tl-message-warning" role="status" data-testid="no-story-points-field">
          <p className="tl-message-text">
            {discovery.storyPoints === null
              ? 'This site has no story points field, so “Has an estimate” fails on every issue with that reason. Choose the number field that holds estimates, or switch the two estimate rules off.'
              : `No field is chosen, so “Has an estimate” fails on every issue with that reason. This site's story points field is ${discovery.storyPoints.name}.`}
          </p>
        </div>
      )}
    </>
  );
}

export function ReadinessSection(props: DocumentSectionProps<ReadinessConfig>): ReactNode {
  const { document, discovery, blocked, onSaved, onReload } = props;
  const locale = useLocale();
  const { draft, dirty, save, change, saveDraft: doSave } = useDocumentDraft<ReadinessConfigInput>(
    document,
    (config, baseRevision) => settle(() => invokeResolver('saveReadinessConfig', { config, baseRevision })),
    onSaved,
  );
  const [preview, setPreview] = useState<PreviewState>({ status: 'loading' });
  const [typesText, setTypesText] = useState(() => (document.value === null ? '' : document.value.issueTypes.join(', ')));
  const previewed = useDebounced(draft, 500);
  const n = (value: number): string => formatNumber(value, locale, 0);

  useEffect(() => {
    if (previewed === null) return undefined;
    let live = true;
    void settle(() => invokeResolver('previewReadiness', { config: previewed })).then((result) => {
      if (live) setPreview(result.ok ? { status: 'ready', preview: result.value } : { status: 'failed', error: result.error });
    });
    return () => {
      live = false;
    };
  }, [previewed]);

  if (draft === null) {
    return (
      <section className="tl-section" aria-labelledby="readiness-heading">
        <h2 id="readiness-heading" className="tl-section-heading">
          Definition of Ready
        </h2>
        <div className="tl-message tl-message-danger" role="alert">
          <p className="tl-message-text">The saved readiness rules cannot be read{document.message !== null ? `: ${document.message}` : '.'}</p>
        </div>
      </section>
    );
  }
  const rules: RulesDraft = draft.rules ?? {};
  const setRule = (id: RuleId, rule: RuleDraft): void => {
    change({ ...draft, rules: withRule(rules, id, rule) });
  };
  const counts = preview.status === 'ready' && preview.preview.status === 'ok' ? new Map(preview.preview.rules.map((rule) => [rule.ruleId, rule])) : undefined;

  return (
    <section className="tl-section" aria-labelledby="readiness-heading">
      <h2 id="readiness-heading" className="tl-section-heading">
        Definition of Ready
      </h2>
      <fieldset className="tl-fieldset" disabled={blocked}>
        <legend className="tl-visually-hidden">Readiness rules</legend>
        <label className="tl-field-label" htmlFor="issue-types">
          Issue types checked (comma-separated)
        </label>
        <input
          id="issue-types"
          className="tl-text"
          value={typesText}
          onChange={(event) => {
            setTypesText(event.target.value);
            change({ ...draft, issueTypes: event.target.value.split(',').map((type) => type.trim()).filter((type) => type !== '') });
          }}
        />
        <StoryPointsFieldPicker
          value={draft.storyPointsField}
          discovery={discovery}
          onChange={(storyPointsField) => {
            change({ ...draft, storyPointsField });
          }}
        />
        <GateChoice
          value={draft.gate}
          onChange={(gate) => {
            change({ ...draft, gate });
          }}
        />
        <div className="tl-readiness-summary" aria-live="polite">
          {preview.status === 'loading' && <p className="tl-status">Counting open stories…</p>}
          {preview.status === 'failed' && <p className="tl-field-error">The preview could not be computed: {preview.error.message}</p>}
          {preview.status === 'ready' && preview.preview.status === 'invalid' && <ProblemList problems={preview.preview.errors} />}
          {preview.status === 'ready' && preview.preview.status === 'ok' && (
            <p className="tl-hint">
              Of {n(preview.preview.checked)} open {preview.preview.checked === 1 ? 'issue' : 'issues'}
              {preview.preview.capped ? ' (the first ones read)' : ''}, {n(preview.preview.ready.now)} are ready with the saved rules and {n(preview.preview.ready.after)} would be with these.
            </p>
          )}
        </div>
        <Table className="tl-rules" data-testid="readiness-rules">
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Severity</th>
              <th scope="col">Parameters</th>
              <th scope="col" className="tl-num">
                Would flag
              </th>
            </tr>
          </thead>
          <tbody>
            {RULES.map((meta) => {
              const rule = rules[meta.id] ?? {};
              const count = counts?.get(meta.id);
              return (
                <tr key={meta.id}>
                  <th scope="row">
                    <label className="tl-checkbox">
                      <input
                        type="checkbox"
                        checked={rule.enabled !== false}
                        onChange={(event) => {
                          setRule(meta.id, { ...rule, enabled: event.target.checked });
                        }}
                      />
                      {meta.name}
                    </label>
                  </th>
                  <td>
                    <select
                      className="tl-select"
                      aria-label={`Severity of “${meta.name}”`}
                      value={rule.severity ?? 'warning'}
                      onChange={(event) => {
                        setRule(meta.id, { ...rule, severity: event.target.value === 'blocking' ? 'blocking' : 'warning' });
                      }}
                    >
                      <option value="blocking">Blocking</option>
                      <option value="warning">Warning</option>
                    </select>
                  </td>
                  <td>
                    {meta.parameters.map((parameter) => (
                      <label key={parameter.key} className="tl-inline">
                        {parameter.label}
                        <input
                          type="number"
                          className="tl-number"
                          min={parameter.min}
                          step={parameter.step ?? 1}
                          value={parameterOf(rule, parameter.key)}
                          onChange={(event) => {
                            setRule(meta.id, withParameter(rule, parameter.key, event.target.valueAsNumber));
                          }}
                        />
                      </label>
                    ))}
                  </td>
                  <td className="tl-num">
                    {count === undefined ? '–' : rule.enabled === false ? 'off' : `${n(count.flagged)}${count.flagged !== count.flaggedNow ? ` (now ${n(count.flaggedNow)})` : ''}`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      </fieldset>
      <div className="tl-actions">
        <button
          type="button"
          className="tl-button tl-button-primary"
          disabled={blocked || !dirty || save.status === 'saving'}
          onClick={() => {
            void doSave();
          }}
        >
          Save readiness rules
        </button>
        {dirty && <span className="tl-hint">Unsaved changes</span>}
      </div>
      <SaveOutcome state={save} onReload={onReload} />
    </section>
  );
}
