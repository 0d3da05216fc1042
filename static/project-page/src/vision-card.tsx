/** The vision card of the vision map: the statement, the target customers and the goals, edited in place. */
import { useState } from 'react';
import type { ReactNode, SyntheticEvent } from 'react';
import type { VisionMapView } from '../../../src/contract';
import type { StrategyEdits } from './strategy-edits';

type Goal = VisionMapView['strategy']['vision']['goals'][number];

/** Goals as the form edits them: one a line, "name | metric | target". */
const goalsText = (goals: readonly Goal[]): string => goals.map((goal) => [goal.name, goal.metric, goal.target].join(' | ')).join('\n');

export function VisionCard({ map, actions }: { readonly map: VisionMapView; readonly actions: StrategyEdits }): ReactNode {
  const [editing, setEditing] = useState(false);
  const vision = map.strategy.vision;
  const [statement, setStatement] = useState(vision.statement);
  const [customers, setCustomers] = useState(vision.targetCustomers);
  const [goals, setGoals] = useState(goalsText(vision.goals));

  const start = (): void => {
    setStatement(vision.statement);
    setCustomers(vision.targetCustomers);
    setGoals(goalsText(vision.goals));
    setEditing(true);
  };
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    const parsedGoals = goals
      .split('\n')
      .map((line) => line.split('|').map((part) => part.trim()))
      .filter((parts) => (parts[0] ?? '') !== '')
      .map(([name = '', metric = '', target = '']) => ({ name, metric, target }));
    void actions.edit({ kind: 'set-vision', vision: { statement, targetCustomers: customers, goals: parsedGoals } }).then((saved) => {
      if (saved) setEditing(false);
    });
  };

  return (
    <section className="tl-card tl-vision" aria-labelledby="vision-heading">
      <div className="tl-card-header">
        <h2 id="vision-heading" className="tl-section-title">
          Vision
        </h2>
        {map.canEdit && !editing && (
          <button type="button" className="tl-button" onClick={start}>
            Edit vision
          </button>
        )}
      </div>
      {editing ? (
        <form className="tl-form" onSubmit={submit} aria-label="Edit the vision">
          <label htmlFor="vision-statement">Vision statement</label>
          <textarea id="vision-statement" value={statement} maxLength={2000} rows={3} onChange={(event) => { setStatement(event.target.value); }} />
          <label htmlFor="vision-customers">Target customers</label>
          <textarea id="vision-customers" value={customers} maxLength={2000} rows={2} onChange={(event) => { setCustomers(event.target.value); }} />
          <label htmlFor="vision-goals">Goals, one a line: name | metric | target</label>
          <textarea id="vision-goals" value={goals} rows={4} onChange={(event) => { setGoals(event.target.value); }} />
          <div className="tl-actions">
            <button type="submit" className="tl-button tl-button-primary" disabled={actions.busy}>
              Save vision
            </button>
            <button type="button" className="tl-button" onClick={() => { setEditing(false); }}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <p className="tl-statement" data-testid="vision-statement">
            {vision.statement === '' ? 'No vision statement yet.' : vision.statement}
          </p>
          {vision.targetCustomers !== '' && <p className="tl-subtle">For: {vision.targetCustomers}</p>}
          {vision.goals.length > 0 && (
            <ul className="tl-goals">
              {vision.goals.map((goal, index) => (
                <li key={index}>
                  <strong>{goal.name}</strong>
                  {goal.metric !== '' && <span> · {goal.metric}</span>}
                  {goal.target !== '' && <span> · target {goal.target}</span>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
