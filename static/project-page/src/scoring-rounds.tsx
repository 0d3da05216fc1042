/**
 * Scoring rounds (async "priority poker"): the project's rounds; a product owner opens one on
 * issues (by key or an epic's open issues) for some inputs of the model and invites people; each
 * participant gives their values by keyboard (Tab moves between cells, Enter saves), and sees the
 * others' values of an issue and input once they have given theirs; the owner sees the spread with
 * outliers marked, may set the agreed value (the median by default), and applies the round in one
 * action, with a result per issue. What is hidden from whom is the backend's decision
 * (src/domain/rounds/round.ts): the page shows what it is given.
 */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { RoundApplyView, RoundCellView, RoundInputView, RoundValue, ScoringRoundView } from '../../../src/contract';
import { Button, EmptyState, ErrorPanel, Lozenge, Message, Skeleton, Table } from '../../common/components';
import { formatDateTime, formatNumber } from '../../common/format';
import { invokeResolver, settle } from '../../common/invoke';
import type { UiError } from '../../common/invoke';
import { OpenRoundForm } from './scoring-round-form';
import { useLoad } from './shared';
import './scoring-rounds.css';

type Locale = string | undefined;

function valueText(value: RoundValue, locale: Locale): string {
  return typeof value === 'number' ? formatNumber(value, locale) : value;
}

/** A number as the user types it in their locale ("6,5" or "6.5"); the text itself when it is not one (the backend says why in words). */
export function parsedNumber(text: string): RoundValue {
  const trimmed = text.trim().replace(/\s/g, '');
  const normal = /^[+-]?\d+,\d+$/.test(trimmed) ? trimmed.replace(',', '.') : trimmed;
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(normal) ? Number(normal) : trimmed;
}

export function ScoringRounds({ locale, onRefused }: { readonly locale: Locale; readonly onRefused?: () => void }): ReactNode {
  const [state, reload] = useLoad(() => invokeResolver('listScoringRounds'));
  const [open, setOpen] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const refused = state.status === 'failed' && state.error.code === 'not-found';
  useEffect(() => {
    if (refused) onRefused?.();
  }, [refused, onRefused]);

  if (state.status === 'loading') return <Skeleton label="Loading the scoring rounds…" lines={5} />;
  if (state.status === 'failed') return <ErrorPanel error={state.error} onRetry={refused ? undefined : reload} />;
  const view = state.value;
  if (open !== null) {
    return (
      <RoundDetail
        roundId={open}
        locale={locale}
        onBack={() => {
          setOpen(null);
          reload();
        }}
      />
    );
  }
  if (opening) {
    return (
      <OpenRoundForm
        view={view}
        onCancel={() => {
          setOpening(false);
        }}
        onOpened={(round) => {
          setOpening(false);
          setOpen(round.id);
        }}
      />
    );
  }
  return (
    <section className="tl-rounds" aria-busy={state.refreshing} aria-labelledby="rounds-title">
      <div className="tl-card-header">
        <h2 className="tl-section-title" id="rounds-title">
          Scoring rounds
        </h2>
        <span className="tl-actions">
          {view.canOpen && (
            <Button appearance="primary" small onClick={() => { setOpening(true); }}>
              Open a round
            </Button>
          )}
          <Button small onClick={reload}>
            Refresh
          </Button>
        </span>
      </div>
      <p className="tl-subtle">
        The team gives values for some inputs of the score without seeing each other&apos;s until they have given theirs; the owner applies the agreed values to Jira. The last {formatNumber(view.kept, locale, 0)} rounds are kept.
      </p>
      {state.error !== undefined && <ErrorPanel error={state.error} onRetry={reload} />}
      {view.rounds.length === 0 ? (
        <EmptyState testId="rounds-empty">{view.canOpen ? 'No scoring rounds yet. Open one to score issues with your team.' : 'No scoring rounds yet. Someone who may edit the issues of this project can open one.'}</EmptyState>
      ) : (
        <Table compact data-testid="rounds-list">
          <caption className="tl-visually-hidden">The project&apos;s scoring rounds, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Round</th>
              <th scope="col">State</th>
              <th scope="col">Issues</th>
              <th scope="col">Owner</th>
              <th scope="col">Opened</th>
              <th scope="col">Your values to give</th>
            </tr>
          </thead>
          <tbody>
            {view.rounds.map((round) => (
              <tr key={round.id}>
                <th scope="row">
                  <button type="button" className="tl-link-button" onClick={() => { setOpen(round.id); }}>
                    {round.name}
                  </button>
                </th>
                <td>
                  <Lozenge appearance={round.state === 'open' ? 'inprogress' : 'default'}>{round.state === 'open' ? 'Open' : 'Closed'}</Lozenge>
                </td>
                <td>{formatNumber(round.issues, locale, 0)}</td>
                <td>{round.isOwner ? 'You' : (round.ownerName ?? 'Someone')}</td>
                <td>{formatDateTime(round.openedAt, locale)}</td>
                <td>{round.isParticipant ? (round.pending === 0 ? 'None' : formatNumber(round.pending, locale, 0)) : 'Not invited'}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}

function CellEditor({ input, value, label, testId, onSave }: { readonly input: RoundInputView; readonly value: RoundValue | null; readonly label: string; readonly testId: string; readonly onSave: (value: RoundValue | null) => void }): ReactNode {
  // The parent keys the editor by the saved value: a new saved value starts a new draft.
  const [draft, setDraft] = useState(value === null ? '' : String(value));
  const save = (text: string): void => {
    const next = text.trim() === '' ? null : input.kind === 'number' ? parsedNumber(text) : text;
    if (next === value) return;
    onSave(next);
  };
  if (input.kind === 'choice') {
    return (
      <select
        className="tl-rounds-input"
        aria-label={label}
        data-testid={testId}
        value={draft}
        onChange={(event) => {
          setDraft(event.target.value);
          save(event.target.value);
        }}
      >
        <option value="">–</option>
        {input.choices.map((choice) => (
          <option key={choice.name} value={choice.name}>
            {choice.name}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      className="tl-rounds-input"
      inputMode="decimal"
      aria-label={label}
      data-testid={testId}
      value={draft}
      onChange={(event) => {
        setDraft(event.target.value);
      }}
      onBlur={() => {
        save(draft);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          save(draft);
        }
      }}
    />
  );
}

function Votes({ cell, round, locale }: { readonly cell: RoundCellView; readonly round: ScoringRoundView; readonly locale: Locale }): ReactNode {
  const names = new Map(round.participants.map((person) => [person.accountId, person.name ?? 'Someone']));
  if (cell.values === null) return <span className="tl-subtle">{`${formatNumber(cell.count, locale, 0)} of ${formatNumber(round.participants.length, locale, 0)} gave values; theirs show once you give yours`}</span>;
  if (cell.values.length === 0) return <span className="tl-subtle">No values yet</span>;
  return (
    <span>
      <ul className="tl-rounds-values" aria-label="Values given">
        {cell.values.map((vote) => (
          <li key={vote.by} className={vote.outlier ? 'tl-rounds-outlier' : undefined}>
            {names.get(vote.by) ?? 'Someone'}: {valueText(vote.value, locale)}
            {vote.outlier && <span className="tl-rounds-outlier-mark"> (outlier: talk about it)</span>}
          </li>
        ))}
      </ul>
      {cell.spread !== null && (
        <span className="tl-subtle" data-testid="round-spread">
          {`From ${valueText(cell.spread.min, locale)} to ${valueText(cell.spread.max, locale)}, median ${valueText(cell.spread.median, locale)}`}
        </span>
      )}
    </span>
  );
}

function RoundDetail({ roundId, locale, onBack }: { readonly roundId: string; readonly locale: Locale; readonly onBack: () => void }): ReactNode {
  const [state, reload] = useLoad(() => invokeResolver('getScoringRound', { roundId }));
  const [fresh, setFresh] = useState<ScoringRoundView | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [applied, setApplied] = useState<RoundApplyView | null>(null);
  const [busy, setBusy] = useState(false);
  if (state.status === 'loading') return <Skeleton label="Loading the round…" lines={6} />;
  if (state.status === 'failed') return (
    <div>
      <ErrorPanel error={state.error} onRetry={reload} />
      <Button onClick={onBack}>Back to the rounds</Button>
    </div>
  );
  const round = fresh ?? state.value;
  const change = async (key: 'castRoundVote' | 'setRoundAgreedValue', issueId: string, input: string, value: RoundValue | null): Promise<void> => {
    const result = await settle(() => invokeResolver(key, { roundId, issueId, input, value }));
    if (result.ok) {
      setFresh(result.value);
      setError(null);
    } else setError(result.error);
  };
  const act = async (key: 'closeScoringRound' | 'applyScoringRound'): Promise<void> => {
    setBusy(true);
    if (key === 'closeScoringRound') {
      const result = await settle(() => invokeResolver('closeScoringRound', { roundId }));
      if (result.ok) setFresh(result.value);
      else setError(result.error);
    } else {
      const result = await settle(() => invokeResolver('applyScoringRound', { roundId }));
      if (result.ok) {
        setApplied(result.value);
        setFresh(result.value.round);
        setError(null);
      } else setError(result.error);
    }
    setBusy(false);
  };
  const cellOf = (issueId: string, input: string): RoundCellView | undefined => round.cells.find((cell) => cell.issueId === issueId && cell.input === input);
  const editable = round.isParticipant && round.state === 'open';
  return (
    <section className="tl-rounds" aria-labelledby="round-title">
      <div className="tl-card-header">
        <h2 className="tl-section-title" id="round-title" data-testid="round-title">
          {round.name}
        </h2>
        <span className="tl-actions">
          <Button small onClick={onBack}>Back to the rounds</Button>
          <Button small onClick={() => { setFresh(null); reload(); }}>Refresh</Button>
        </span>
      </div>
      <p className="tl-subtle">
        <Lozenge appearance={round.state === 'open' ? 'inprogress' : 'default'}>{round.state === 'open' ? 'Open' : 'Closed'}</Lozenge> Opened by {round.isOwner ? 'you' : (round.owner.name ?? 'someone')} on {formatDateTime(round.openedAt, locale)} ·{' '}
        {round.participants.map((person) => `${person.name ?? 'Someone'} (${formatNumber(person.voted, locale, 0)} given)`).join(', ')}
      </p>
      <p role="status" data-testid="round-pending">
        {round.isParticipant && round.state === 'open' ? (round.pending === 0 ? 'You have given all your values.' : `You have ${formatNumber(round.pending, locale, 0)} values to give. Type a value and press Enter; Tab moves to the next.`) : round.isParticipant ? 'The round is closed.' : 'You are not invited to give values in this round.'}
      </p>
      {error !== null && <ErrorPanel error={error} />}
      <Table compact data-testid="round-table">
        <caption className="tl-visually-hidden">Values per issue and input</caption>
        <thead>
          <tr>
            <th scope="col">Issue</th>
            {round.inputs.map((input) => (
              <th scope="col" key={input.key}>
                {input.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {round.issues.map((issue) => (
            <tr key={issue.id} data-testid={`round-row-${issue.key}`}>
              <th scope="row">
                {issue.key} <span className="tl-subtle">{issue.summary}</span>
                {issue.where === 'moved' && <Message tone="warning">{`Moved to another project${issue.keyNow === null ? '' : ` (now ${issue.keyNow})`}: the round does not apply to it.`}</Message>}
                {issue.where === 'gone' && <Message tone="warning">Deleted, or you can no longer see it.</Message>}
              </th>
              {round.inputs.map((input) => {
                const cell = cellOf(issue.id, input.key);
                if (cell === undefined) return <td key={input.key} />;
                return (
                  <td key={input.key} data-testid={`round-cell-${issue.key}-${input.key}`}>
                    {editable && (
                      <CellEditor
                        key={`mine:${String(cell.mine)}`}
                        input={input}
                        value={cell.mine}
                        label={`Your ${input.label} for ${issue.key}`}
                        testId={`vote-${issue.key}-${input.key}`}
                        onSave={(value) => {
                          void change('castRoundVote', issue.id, input.key, value);
                        }}
                      />
                    )}
                    {!editable && cell.mine !== null && <span>Yours: {valueText(cell.mine, locale)}</span>}
                    <Votes cell={cell} round={round} locale={locale} />
                    {round.isOwner && cell.agreed !== null && (
                      <span className="tl-rounds-agreed">
                        <CellEditor
                          key={`agreed:${String(cell.agreed.value)}`}
                          input={input}
                          value={cell.agreed.value}
                          label={`Agreed ${input.label} for ${issue.key}`}
                          testId={`agreed-${issue.key}-${input.key}`}
                          onSave={(value) => {
                            void change('setRoundAgreedValue', issue.id, input.key, value);
                          }}
                        />{' '}
                        <span className="tl-subtle">{cell.agreed.how === 'median' ? 'agreed: the median' : 'agreed: your choice'}</span>
                      </span>
                    )}
                    {!round.isOwner && cell.agreed !== null && <span className="tl-subtle">Agreed: {valueText(cell.agreed.value, locale)}</span>}
                    {cell.applied !== null && <span className="tl-subtle"> · In Jira: {valueText(cell.applied.value, locale)}</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </Table>
      {round.isOwner && (
        <span className="tl-actions">
          <Button appearance="primary" disabled={busy} onClick={() => { void act('applyScoringRound'); }}>
            {busy ? 'Working…' : 'Apply the agreed values to Jira'}
          </Button>
          {round.state === 'open' && (
            <Button disabled={busy} onClick={() => { void act('closeScoringRound'); }}>
              Close the round
            </Button>
          )}
        </span>
      )}
      {applied !== null && (
        <div role="status" data-testid="round-applied">
          <Message tone={applied.results.some((result) => result.outcome !== 'written') ? 'warning' : 'success'} title={applied.summary}>
            {applied.results.length > 0 && (
              <ul>
                {applied.results.map((result) => (
                  <li key={`${result.issueKey}:${result.input}`}>{result.message}</li>
                ))}
              </ul>
            )}
          </Message>
        </div>
      )}
    </section>
  );
}
