/** Readiness: ready, or the failing rules with what to do; warnings apart; or why the rules do not apply. */
import type { ReactNode } from 'react';
import type { IssueReadinessView, ReadinessRuleView } from '../../../src/contract';
import { EmptyState, Lozenge } from '../../common/components';

function Rules({ rules, tone }: { readonly rules: readonly ReadinessRuleView[]; readonly tone: 'blocking' | 'warning' }): ReactNode {
  if (rules.length === 0) return null;
  return (
    <ul className={`tl-rules tl-rules-${tone}`}>
      {rules.map((rule) => (
        <li key={rule.ruleId} data-rule={rule.ruleId}>
          <span className="tl-rule-message">{rule.message}</span> <span className="tl-rule-fix">{rule.fix}</span>
        </li>
      ))}
    </ul>
  );
}

export function ReadinessPanel({ readiness }: { readonly readiness: IssueReadinessView }): ReactNode {
  return (
    <section className="tl-readiness" aria-labelledby="tl-readiness-heading" data-testid="readiness" data-verdict={readiness.verdict}>
      <h3 id="tl-readiness-heading" className="tl-section-title">
        Readiness
      </h3>
      {readiness.verdict === 'not-applicable' ? (
        <EmptyState testId="readiness-empty">The Definition of Ready does not cover this issue{readiness.reason === null ? '.' : `: ${readiness.reason}.`}</EmptyState>
      ) : (
        <>
          <p>
            <Lozenge appearance={readiness.verdict === 'ready' ? 'success' : 'removed'}>{readiness.verdict === 'ready' ? 'Ready' : 'Not ready'}</Lozenge>
            {readiness.verdict === 'not-ready' && (
              <span className="tl-readiness-count">
                {' '}
                {readiness.failures.length} blocking rule{readiness.failures.length === 1 ? '' : 's'} to fix
              </span>
            )}
          </p>
          <Rules rules={readiness.failures} tone="blocking" />
          {readiness.warnings.length > 0 && <p className="tl-subtitle">Also worth fixing</p>}
          <Rules rules={readiness.warnings} tone="warning" />
        </>
      )}
    </section>
  );
}
