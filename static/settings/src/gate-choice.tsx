/**
 * Which failing rules refuse a workflow transition where an admin added Throughline's readiness
 * gate (the `jira:workflowValidator` "Throughline readiness gate"). Saved with the readiness rules.
 */
import type { ReactNode } from 'react';

export type GateRulesChoice = 'blocking' | 'blocking-and-warnings';

export function GateChoice(props: { readonly value: GateRulesChoice | undefined; readonly onChange: (next: GateRulesChoice) => void }): ReactNode {
  const { value, onChange } = props;
  return (
    <>
      <label className="tl-field-label" htmlFor="readiness-gate">
        Workflow gate: rules that refuse a transition (where an admin added the “Throughline readiness gate” validator)
      </label>
      <select
        id="readiness-gate"
        className="tl-select"
        data-testid="readiness-gate"
        value={value ?? 'blocking'}
        onChange={(event) => {
          onChange(event.target.value === 'blocking-and-warnings' ? 'blocking-and-warnings' : 'blocking');
        }}
      >
        <option value="blocking">Blocking rules only (an issue that is ready may move)</option>
        <option value="blocking-and-warnings">Blocking and warning rules</option>
      </select>
      <p className="tl-hint">
        The gate works in company-managed workflows. Team-managed projects, and teams that prefer no hard gate, see the same verdict in the issue sidebar and in Sprint readiness.
      </p>
    </>
  );
}
