/** The scoring model: the model, each input's field, weights or the formula, a live preview, save. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { ScoringConfig, ScoringConfigInput } from '../../../src/contract';
import { CATALOGUE_MODELS, MODEL_CATALOGUE } from '../../../src/domain/scoring/catalogue';
import type { CriterionInput, InputSourceInput, ModelConfigInput, ModelType } from '../../../src/domain/scoring/config';
import { invokeResolver, settle } from '../../common/invoke';
import { FormulaEditor } from './formula-editor';
import { InputMapping } from './input-mapping';
import { inputLabel, inputsOf, switchModel, withInput } from './model';
import { ScorePreview } from './score-preview';
import type { PreviewState } from './score-preview';
import { SaveOutcome, useDebounced, useDocumentDraft } from './shared';
import type { DocumentSectionProps } from './shared';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function newName(existing: Record<string, unknown>, base: string): string {
  let index = Object.keys(existing).length + 1;
  while (`${base}${index}` in existing) index++;
  return `${base}${index}`;
}

export function ScoringSection(props: DocumentSectionProps<ScoringConfig>): ReactNode {
  const { document, discovery, blocked, onSaved, onReload } = props;
  const { draft, dirty, revision, save, savedCount, change, saveDraft: doSave } = useDocumentDraft<ScoringConfigInput>(
    document,
    (config, baseRevision) => settle(() => invokeResolver('saveScoringConfig', { config, baseRevision })),
    onSaved,
  );
  const [formulaOk, setFormulaOk] = useState(true);
  const [preview, setPreview] = useState<PreviewState>({ status: 'loading' });
  const previewed = useDebounced(draft, 400);
  // savedCount is bumped by a save: the "now" side of the preview is then the saved configuration.

  useEffect(() => {
    if (previewed === null) return undefined;
    let live = true;
    void settle(() => invokeResolver('previewScores', { config: previewed })).then((result) => {
      if (!live) return;
      setPreview(result.ok ? { status: 'ready', preview: result.value } : { status: 'failed', error: result.error });
    });
    return () => {
      live = false;
    };
  }, [previewed, savedCount]);

  const setModel = (model: ModelConfigInput): void => {
    if (draft !== null) change({ ...draft, model });
  };
  const onValidity = useCallback((ok: boolean) => {
    setFormulaOk(ok);
  }, []);

  const inputNames = useMemo(() => (draft === null ? [] : Object.keys(inputsOf(draft.model))), [draft]);

  if (draft === null) {
    return (
      <div className="tl-message tl-message-danger" role="alert">
        <p className="tl-message-text">The saved scoring configuration cannot be read{document.message !== null ? `: ${document.message}` : '.'}</p>
      </div>
    );
  }
  const model = draft.model;

  const mapping = (name: string, label: string, source: InputSourceInput, onChange: (source: InputSourceInput) => void): ReactNode => (
    <InputMapping key={name} id={`input-${name}`} label={label} source={source} discovery={discovery} suggestions={discovery.suggestions[model.type]?.[name] ?? []} onChange={onChange} />
  );

  let body: ReactNode;
  if (model.type === 'weighted') {
    const setCriterion = (name: string, criterion: CriterionInput | undefined, rename?: string): void => {
      const criteria: Record<string, CriterionInput> = {};
      for (const [key, value] of Object.entries(model.criteria)) {
        if (key !== name) criteria[key] = value;
        else if (criterion !== undefined) criteria[rename ?? key] = criterion;
      }
      setModel({ ...model, criteria });
    };
    body = (
      <div className="tl-criteria">
        {Object.entries(model.criteria).map(([name, criterion]) => (
          <fieldset key={name} className="tl-criterion">
            <legend className="tl-criterion-name">{name}</legend>
            {mapping(name, 'Field', criterion.input, (input) => {
              setCriterion(name, { ...criterion, input });
            })}
            <label className="tl-inline">
              Weight
              <input
                type="number"
                min={0}
                step="any"
                className="tl-number"
                value={Number.isFinite(criterion.weight) ? criterion.weight : ''}
                onChange={(event) => {
                  setCriterion(name, { ...criterion, weight: event.target.valueAsNumber });
                }}
              />
            </label>
            <label className="tl-inline">
              Counts as
              <select
                className="tl-select"
                value={criterion.direction ?? 'benefit'}
                onChange={(event) => {
                  setCriterion(name, { ...criterion, direction: event.target.value === 'cost' ? 'cost' : 'benefit' });
                }}
              >
                <option value="benefit">a benefit (more is better)</option>
                <option value="cost">a cost (10 − value)</option>
              </select>
            </label>
            <button
              type="button"
              className="tl-button tl-button-subtle"
              disabled={Object.keys(model.criteria).length <= 1}
              onClick={() => {
                setCriterion(name, undefined);
              }}
            >
              Remove {name}
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          className="tl-button"
          onClick={() => {
            setModel({ ...model, criteria: { ...model.criteria, [newName(model.criteria, 'criterion')]: { input: { kind: 'number', fieldId: discovery.storyPoints?.id ?? '' }, weight: 1, direction: 'benefit' } } });
          }}
        >
          Add a criterion
        </button>
        <p className="tl-hint">Each criterion must already be on 0–10; the score is Σ weight × value ÷ Σ weight.</p>
      </div>
    );
  } else if (model.type === 'formula') {
    const setInput = (name: string, source: InputSourceInput | undefined, rename?: string): void => {
      const inputs: Record<string, InputSourceInput> = {};
      for (const [key, value] of Object.entries(model.inputs)) {
        if (key !== name) inputs[key] = value;
        else if (source !== undefined) inputs[rename ?? key] = source;
      }
      setModel({ ...model, inputs });
    };
    body = (
      <div className="tl-formula-model">
        <FormulaEditor
          formula={model.formula}
          inputNames={inputNames}
          onValidity={onValidity}
          onChange={(formula) => {
            setModel({ ...model, formula });
          }}
        />
        <h3 className="tl-subheading">Inputs of the formula</h3>
        {Object.entries(model.inputs).map(([name, source]) => (
          <div key={name} className="tl-named-input">
            <NameField
              name={name}
              taken={Object.keys(model.inputs)}
              onRename={(next) => {
                setInput(name, source, next);
              }}
            />
            {mapping(name, `Field of ${name}`, source, (next) => {
              setInput(name, next);
            })}
            <button
              type="button"
              className="tl-button tl-button-subtle"
              onClick={() => {
                setInput(name, undefined);
              }}
            >
              Remove {name}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="tl-button"
          onClick={() => {
            setModel({ ...model, inputs: { ...model.inputs, [newName(model.inputs, 'input')]: { kind: 'number', fieldId: discovery.storyPoints?.id ?? '' } } });
          }}
        >
          Add an input
        </button>
      </div>
    );
  } else {
    const inputs = inputsOf(model);
    body = (
      <div className="tl-mappings">
        {MODEL_CATALOGUE[model.type].inputs.map((input) => {
          const source = inputs[input.key];
          // An optional input the configuration leaves out (WSJF's opportunity enablement) is not shown.
          return source === undefined
            ? null
            : mapping(input.key, inputLabel(input), source, (next) => {
                setModel(withInput(model, input.key, next));
              });
        })}
        {model.type === 'ice' && (
          <label className="tl-inline">
            Combine
            <select
              className="tl-select"
              value={model.combine ?? 'product'}
              onChange={(event) => {
                setModel({ ...model, combine: event.target.value === 'mean' ? 'mean' : 'product' });
              }}
            >
              <option value="product">impact × confidence × ease</option>
              <option value="mean">their mean</option>
            </select>
          </label>
        )}
      </div>
    );
  }

  return (
    <section className="tl-section" aria-labelledby="scoring-heading">
      <h2 id="scoring-heading" className="tl-section-heading">
        Priority score
      </h2>
      <div className="tl-columns">
        <div className="tl-column">
          <label className="tl-field-label" htmlFor="model">
            Model
          </label>
          <select
            id="model"
            className="tl-select"
            value={model.type}
            disabled={blocked}
            onChange={(event) => {
              setModel(switchModel(model, event.target.value as ModelType, discovery));
            }}
          >
            {CATALOGUE_MODELS.map((entry) => (
              <option key={entry.type} value={entry.type}>
                {entry.name}
              </option>
            ))}
          </select>
          <p className="tl-hint" data-testid="model-formula">
            {MODEL_CATALOGUE[model.type].formula}
          </p>
          <fieldset className="tl-fieldset" disabled={blocked}>
            <legend className="tl-visually-hidden">Inputs of the model</legend>
            {body}
            <label className="tl-checkbox">
              <input
                type="checkbox"
                checked={draft.multiplyByStrategicWeight !== false}
                onChange={(event) => {
                  change({ ...draft, multiplyByStrategicWeight: event.target.checked });
                }}
              />
              Multiply every score by the strategic weight of the issue’s theme
            </label>
          </fieldset>
          <div className="tl-actions">
            <button
              type="button"
              className="tl-button tl-button-primary"
              disabled={blocked || !dirty || save.status === 'saving' || (model.type === 'formula' && !formulaOk)}
              onClick={() => {
                void doSave();
              }}
            >
              Save scoring
            </button>
            {dirty && <span className="tl-hint">Unsaved changes</span>}
            {!dirty && save.status !== 'saved' && <span className="tl-hint">Revision {revision === 0 ? '0 (the defaults)' : revision}</span>}
          </div>
          <SaveOutcome state={save} onReload={onReload} />
        </div>
        <div className="tl-column tl-column-wide">
          <h3 className="tl-subheading">Preview: ten recent issues</h3>
          <ScorePreview state={preview} stale={previewed !== draft} />
        </div>
      </div>
    </section>
  );
}

function NameField({ name, taken, onRename }: { readonly name: string; readonly taken: readonly string[]; readonly onRename: (name: string) => void }): ReactNode {
  const [text, setText] = useState(name);
  const problem = text === name ? null : !NAME.test(text) ? 'Letters, digits and _ only, not starting with a digit.' : taken.includes(text) ? 'Another input has this name.' : null;
  const id = `name-${name}`;
  return (
    <div className="tl-name-field">
      <label className="tl-field-label" htmlFor={id}>
        Name in the formula
      </label>
      <input
        id={id}
        className="tl-text"
        value={text}
        aria-invalid={problem !== null}
        onChange={(event) => {
          setText(event.target.value);
        }}
        onBlur={() => {
          if (problem === null && text !== name) onRename(text);
        }}
      />
      {problem !== null && <p className="tl-field-error">{problem}</p>}
    </div>
  );
}
