/**
 * The UI kit: the building blocks the Custom UI apps share, styled by static/common/common.css only
 * (Forge's CSP allows no inline styles, so every look is a class there and every colour a token).
 * A page composes these instead of writing its own CSS for buttons, lozenges, tables, messages,
 * empty states, skeletons and form fields.
 */
import { useId } from 'react';
import type { ButtonHTMLAttributes, ReactNode, TableHTMLAttributes } from 'react';
import type { UiError } from './invoke';

/** Joins class names, leaving out the ones a condition turned off. */
function classes(...names: readonly (string | false | undefined)[]): string {
  return names.filter((name): name is string => typeof name === 'string' && name !== '').join(' ');
}

export type ButtonAppearance = 'default' | 'primary' | 'subtle';

/** A button as Atlassian's: `primary` for the one main action of a form, `subtle` for a quiet one. */
export function Button({
  appearance = 'default',
  small = false,
  type = 'button',
  className,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { readonly appearance?: ButtonAppearance; readonly small?: boolean; readonly type?: 'button' | 'submit' }): ReactNode {
  return <button {...rest} type={type} className={classes('tl-button', appearance !== 'default' && `tl-button-${appearance}`, small && 'tl-button-small', className)} />;
}

/** Atlassian's lozenge appearances: grey, blue (in progress), green, red (removed), purple (new), yellow (moved). */
export type LozengeAppearance = 'default' | 'inprogress' | 'success' | 'removed' | 'new' | 'moved';

export function Lozenge({ appearance = 'default', children }: { readonly appearance?: LozengeAppearance; readonly children: ReactNode }): ReactNode {
  return <span className={classes('tl-lozenge', appearance !== 'default' && `tl-lozenge-${appearance}`)}>{children}</span>;
}

/**
 * A data table: pass the caption, thead and tbody as children. `compact` for dense lists (small
 * text), `stickyHeader` when the table scrolls inside a box of its own.
 */
export function Table({
  compact = false,
  stickyHeader = false,
  className,
  ...rest
}: TableHTMLAttributes<HTMLTableElement> & { readonly compact?: boolean; readonly stickyHeader?: boolean; readonly 'data-testid'?: string }): ReactNode {
  return <table {...rest} className={classes('tl-table', compact && 'tl-table-compact', stickyHeader && 'tl-table-sticky', className)} />;
}

/** What a section says when it has nothing to show. */
export function EmptyState({ children, testId }: { readonly children: ReactNode; readonly testId?: string }): ReactNode {
  return (
    <p className="tl-empty" data-testid={testId}>
      {children}
    </p>
  );
}

export type MessageTone = 'neutral' | 'danger' | 'warning' | 'success';

/** A section message: a tinted box with an optional bold title, its words, and any actions after them. */
export function Message({ tone, title, children, role }: { readonly tone: MessageTone; readonly title?: ReactNode; readonly children: ReactNode; readonly role?: 'alert' | 'status' }): ReactNode {
  return (
    <div className={`tl-message tl-message-${tone}`} role={role}>
      {title !== undefined && <p className="tl-message-title">{title}</p>}
      {children}
    </div>
  );
}

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
      {onRetry !== undefined && <Button onClick={onRetry}>{retryLabel}</Button>}
    </div>
  );
}

/**
 * A form field: the label over the control, then the error if there is one, else the hint. The
 * control comes from `children(id, describedBy)`, so the label and the words below are tied to it
 * for screen readers whatever the control is (input, select, textarea).
 */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  readonly label: ReactNode;
  readonly hint?: ReactNode;
  readonly error?: string | null;
  readonly children: (id: string, describedBy: string | undefined) => ReactNode;
}): ReactNode {
  const id = useId();
  const below = error !== undefined && error !== null ? 'error' : hint !== undefined ? 'hint' : undefined;
  const describedBy = below === undefined ? undefined : `${id}-${below}`;
  return (
    <div className="tl-field">
      <label htmlFor={id} className="tl-field-label">
        {label}
      </label>
      {children(id, describedBy)}
      {below === 'error' && (
        <p id={describedBy} className="tl-field-error" role="alert">
          {error}
        </p>
      )}
      {below === 'hint' && (
        <p id={describedBy} className="tl-field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}
