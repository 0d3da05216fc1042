/** Small building blocks shared by the Custom UI apps; every colour is a design token (common.css). */
import type { ReactNode } from 'react';
import type { UiError } from './invoke';

/** A grey placeholder while content loads; hidden from screen readers, which hear `label`. */
export function Skeleton({ label, lines = 3 }: { readonly label: string; readonly lines?: number }): ReactNode {
  return (
    <div className="tl-skeleton" role="status" aria-live="polite">
      <span className="tl-visually-hidden">{label}</span>
      <div className="tl-skeleton-block tl-skeleton-block-large" aria-hidden="true" />
      {Array.from({ length: lines }, (_, index) => (
        <div key={index} className="tl-skeleton-block" aria-hidden="true" />
      ))}
    </div>
  );
}

/**
 * An error in words, with what the platform said for whoever debugs it, and a way to retry.
 * `retryLabel` says what the retry does when that is more than starting again ("Try again from part 3").
 */
export function ErrorPanel({ error, onRetry, retryLabel = 'Try again' }: { readonly error: UiError; readonly onRetry?: () => void; readonly retryLabel?: string }): ReactNode {
  const tone = error.code === 'not-found' || error.code === 'forbidden' ? 'tl-message-neutral' : 'tl-message-danger';
  return (
    <div className={`tl-message ${tone}`} role="alert" data-error-code={error.code}>
      <p className="tl-message-text">{error.message}</p>
      {error.detail !== undefined && <p className="tl-message-detail">Details: {error.detail}</p>}
      {onRetry !== undefined && (
        <button type="button" className="tl-button" onClick={onRetry}>
          {retryLabel}
        </button>
      )}
    </div>
  );
}
