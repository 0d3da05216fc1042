/**
 * The Sprint readiness gadget: the next sprint's ready and not-ready work against recent velocity
 * (or, without a future sprint, the top of the backlog), the verdict in words, and the readiness
 * rules that fail most. Reloads on Jira's gadget refresh event.
 */
import type { ReactNode } from 'react';
import type { Result, SprintReadinessGadgetView, SprintReadinessView } from '../../../src/contract';
import { RULE_NAMES } from '../../../src/domain/readiness/gate';
import { isRuleId } from '../../../src/domain/readiness/rule-ids';
import { ErrorPanel, Skeleton } from '../../common/components';
import { formatNumber } from '../../common/format';
import { invokeResolver } from '../../common/invoke';
import { Unconfigured, useGadgetAnswer } from './gadget-refresh';

function points(value: number, locale: string | undefined): string {
  return `${formatNumber(value, locale, 1)} ${value === 1 ? 'point' : 'points'}`;
}

function issues(count: number, locale: string | undefined): string {
  return `${formatNumber(count, locale, 0)} ${count === 1 ? 'issue' : 'issues'}`;
}

function Readiness({ view, locale }: { readonly view: SprintReadinessView; readonly locale: string | undefined }): ReactNode {
  const source = view.source.kind === 'sprint' ? `${view.source.sprint.name} (${view.source.board})` : `The top ${formatNumber(view.source.top, locale, 0)} of the backlog: ${view.source.reason}`;
  return (
    <>
      <p className="tl-gadget-line">{source}</p>
      <dl className="tl-gadget-figures" data-testid="sprint-readiness">
        <div>
          <dt>Ready</dt>
          <dd>{`${points(view.ready.points, locale)} in ${issues(view.ready.issues, locale)}`}</dd>
        </div>
        <div>
          <dt>Not ready</dt>
          <dd>{`${points(view.notReady.points, locale)} in ${issues(view.notReady.issues, locale)}`}</dd>
        </div>
        <div>
          <dt>Recent velocity</dt>
          <dd>{view.velocity === null ? 'No closed sprint yet' : `${points(view.velocity.average, locale)} a sprint`}</dd>
        </div>
      </dl>
      <p className="tl-gadget-line">{view.verdict}</p>
      {view.failingRules.length > 0 && (
        <>
          <h2 className="tl-gadget-heading">Rules that fail most</h2>
          <ul className="tl-gadget-list">
            {view.failingRules.slice(0, 3).map((rule) => (
              <li key={rule.ruleId}>{`${isRuleId(rule.ruleId) ? RULE_NAMES[rule.ruleId] : rule.ruleId}: ${issues(rule.issues, locale)}${rule.severity === 'blocking' ? ' (blocking)' : ''}`}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** Made once: the gadget's read (useGadgetAnswer wants the same function every render). */
const READ = (): Promise<Result<SprintReadinessGadgetView>> => invokeResolver('getSprintReadinessGadget');

export function SprintReadiness({ locale, gadgetId }: { readonly locale: string | undefined; readonly gadgetId: string | undefined }): ReactNode {
  const { answer, load } = useGadgetAnswer(READ, gadgetId);

  if (answer === undefined) return <Skeleton label="Loading sprint readiness" />;
  if (!answer.ok) return <ErrorPanel error={answer.error} onRetry={load} />;
  const view = answer.value;
  if (view.status === 'unconfigured') return <Unconfigured />;
  return (
    <div className="tl-gadget">
      <p className="tl-gadget-subtle">
        {view.projectName} ({view.readiness.project.key})
      </p>
      <Readiness view={view.readiness} locale={locale} />
    </div>
  );
}
