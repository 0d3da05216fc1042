/**
 * The Sprint readiness gadget: the chosen board's next sprint's ready and not-ready work against recent velocity
 * (or, without a future sprint, the top of the backlog), the verdict in words, and the readiness
 * rules that fail most, each opening Jira's issue search on the issues failing it. Reloads on Jira's
 * gadget refresh event.
 */
import type { ReactNode } from 'react';
import type { Result, SprintReadinessGadgetView, SprintReadinessView } from '../../../src/contract';
import { RULE_NAMES } from '../../../src/domain/readiness/gate';
import { isRuleId } from '../../../src/domain/readiness/rule-ids';
import { Button, ErrorPanel, Skeleton } from '../../common/components';
import { countOf } from '../../common/counts';
import { formatNumber } from '../../common/format';
import { useLocale } from '../../common/locale';
import { readGadgetAnswer } from './answer-prefetch';
import { Unconfigured, openIssueSearch, useGadgetAnswer } from './gadget-refresh';

// Written as the project page writes them (common/counts.ts): the same figures, to the same digits.
const points = (value: number, locale: string | undefined): string => countOf(value, 'point', 'points', locale);
const issues = (count: number, locale: string | undefined): string => countOf(count, 'issue', 'issues', locale, 0);

/** The verdict as a sentence, its numbers in the user's locale: "Ready work covers 5% of velocity (3 of 60 points)." */
function verdictOf(view: Pick<SprintReadinessView, 'ready' | 'notReady' | 'velocity'>, locale: string | undefined): string {
  if (view.velocity !== null && view.velocity.average > 0) {
    const percent = formatNumber(Math.round((view.ready.points / view.velocity.average) * 100), locale, 0);
    return `Ready work covers ${percent}% of velocity (${formatNumber(view.ready.points, locale)} of ${points(view.velocity.average, locale)}).`;
  }
  const checked = view.ready.issues + view.notReady.issues;
  return `${formatNumber(view.ready.issues, locale, 0)} of ${issues(checked, locale)} ready (${formatNumber(view.ready.points, locale)} of ${points(view.ready.points + view.notReady.points, locale)}).`;
}

type Ready = Extract<SprintReadinessGadgetView, { status: 'ready' }>;

function Readiness({ view }: { readonly view: Ready }): ReactNode {
  const locale = useLocale();
  const readiness = view.readiness;
  const source = readiness.source.kind === 'sprint' ? `${readiness.source.sprint.name} (${view.board.name})` : `${view.board.name}: the top ${formatNumber(readiness.source.top, locale, 0)} of the backlog. ${readiness.source.reason}`;
  return (
    <>
      <p className="tl-gadget-line">{source}</p>
      <dl className="tl-gadget-figures" data-testid="sprint-readiness">
        <div>
          <dt>Ready</dt>
          <dd>{`${points(readiness.ready.points, locale)} in ${issues(readiness.ready.issues, locale)}`}</dd>
        </div>
        <div>
          <dt>Not ready</dt>
          <dd>{`${points(readiness.notReady.points, locale)} in ${issues(readiness.notReady.issues, locale)}`}</dd>
        </div>
        <div>
          <dt>Recent velocity</dt>
          <dd>{readiness.velocity === null ? 'No closed sprint yet' : `${points(readiness.velocity.average, locale)} a sprint`}</dd>
        </div>
      </dl>
      <p className="tl-gadget-line" data-testid="sprint-verdict">{verdictOf(readiness, locale)}</p>
      {view.failingRules.length > 0 && (
        <>
          <h2 className="tl-gadget-heading">Rules that fail most</h2>
          <ul className="tl-gadget-list" data-testid="failing-rules">
            {view.failingRules.slice(0, 3).map((rule) => {
              const name = isRuleId(rule.ruleId) ? RULE_NAMES[rule.ruleId] : rule.ruleId;
              return (
                <li key={rule.ruleId}>
                  {`${name}: `}
                  {/* The issues failing the rule, in Jira's issue search (the app's indexed readiness property). */}
                  <Button appearance="subtle" small onClick={() => { openIssueSearch(rule.jql); }} aria-label={`${name}: show the ${issues(rule.issues, locale)} failing it in Jira's issue search`}>
                    {issues(rule.issues, locale)}
                  </Button>
                  {rule.severity === 'blocking' ? ' (blocking)' : ''}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </>
  );
}

/** Made once: the gadget's read (useGadgetAnswer wants the same function every render); the first is the one main.tsx started. */
const READ = (): Promise<Result<SprintReadinessGadgetView>> => readGadgetAnswer('getSprintReadinessGadget');

export function SprintReadiness({ gadgetId }: { readonly gadgetId: string | undefined }): ReactNode {
  const { answer, load } = useGadgetAnswer(READ, gadgetId);

  if (answer === undefined) return <Skeleton label="Loading sprint readiness" />;
  if (!answer.ok) return <ErrorPanel error={answer.error} onRetry={load} />;
  const view = answer.value;
  if (view.status === 'unconfigured') return <Unconfigured choose="board" />;
  return (
    <div className="tl-gadget">
      <p className="tl-gadget-subtle">
        {view.projectName} ({view.readiness.project.key})
      </p>
      <Readiness view={view} />
    </div>
  );
}
