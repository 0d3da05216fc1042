/** The custom formula, checked by the backend as one types: each error shown at its position. */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { ResolverDefs } from '../../../src/contract';
import { invokeResolver, settle } from '../../common/invoke';
import { useDebounced } from './shared';

type FormulaCheck = Extract<ReturnType<ResolverDefs['checkFormula']>, { ok: true }>['value'];

type CheckState = { readonly status: 'idle' } | { readonly status: 'checked'; readonly check: FormulaCheck } | { readonly status: 'failed'; readonly message: string };

/** The line of `text` holding `index`, and the column (1-based) within it. */
function lineAt(text: string, index: number): { line: string; lineNumber: number; column: number } {
  const before = text.slice(0, index);
  const start = before.lastIndexOf('\n') + 1;
  const end = text.indexOf('\n', index);
  return { line: text.slice(start, end === -1 ? text.length : end), lineNumber: before.split('\n').length, column: index - start + 1 };
}

export function FormulaEditor(props: { readonly formula: string; readonly inputNames: readonly string[]; readonly onChange: (formula: string) => void; readonly onValidity: (ok: boolean) => void }): ReactNode {
  const { formula, inputNames, onChange, onValidity } = props;
  const [state, setState] = useState<CheckState>({ status: 'idle' });
  const checked = useDebounced(formula, 120);
  const names = inputNames.join('\n');
  useEffect(() => {
    let live = true;
    void settle(() => invokeResolver('checkFormula', { formula: checked, inputNames: names === '' ? [] : names.split('\n') })).then((result) => {
      if (!live) return;
      if (result.ok) {
        setState({ status: 'checked', check: result.value });
        onValidity(result.value.ok);
      } else setState({ status: 'failed', message: result.error.message });
    });
    return () => {
      live = false;
    };
  }, [checked, names, onValidity]);
  const errors = state.status === 'checked' && !state.check.ok ? state.check.errors : [];
  const current = checked === formula;
  return (
    <div className="tl-formula">
      <label className="tl-field-label" htmlFor="formula">
        Formula
      </label>
      <textarea
        id="formula"
        className="tl-formula-input"
        rows={3}
        spellCheck={false}
        value={formula}
        aria-invalid={errors.length > 0}
        aria-describedby="formula-help formula-check"
        onChange={(event) => {
          onChange(event.target.value);
        }}
      />
      <p id="formula-help" className="tl-hint">
        Use the input names below with <code>+ - * / ^</code>, parentheses, comparisons and <code>min max round sqrt log abs if(condition, a, b)</code>.
      </p>
      <div id="formula-check" aria-live="polite" className={current ? '' : 'tl-stale'}>
        {state.status === 'failed' && <p className="tl-field-error">The formula could not be checked: {state.message}</p>}
        {state.status === 'checked' && state.check.ok && (
          <p className="tl-status tl-status-success" data-testid="formula-ok">
            The formula is valid{state.check.usedInputs.length > 0 ? `; it uses ${state.check.usedInputs.join(', ')}` : ''}.
          </p>
        )}
        {errors.slice(0, 3).map((error, index) => {
          const where = lineAt(checked, Math.min(error.index, checked.length));
          return (
            <div key={index} className="tl-formula-error" role="alert" data-testid="formula-error">
              <p className="tl-field-error">
                {where.lineNumber > 1 ? `Line ${where.lineNumber}: ` : ''}
                {error.message}
              </p>
              <pre className="tl-formula-caret" aria-hidden="true">
                {where.line}
                {'\n'}
                {' '.repeat(Math.max(0, where.column - 1))}^
              </pre>
            </div>
          );
        })}
      </div>
    </div>
  );
}
