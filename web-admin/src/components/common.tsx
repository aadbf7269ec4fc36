import type { ApolloError } from '@apollo/client';
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import { InlineAlert } from 'suomifi-ui-components';
import { useI18n } from '../i18n';

/** Loading and error states of a query, announced politely to assistive technology. */
export function QueryState({
  loading,
  error,
  hasData,
  optional,
  children,
}: {
  loading: boolean;
  error?: ApolloError | undefined;
  hasData: boolean;
  /** A part of the graph that may not be deployed yet: failures show as "not available". */
  optional?: boolean;
  children: ReactNode;
}) {
  const { t } = useI18n();
  if (error && !hasData) {
    return (
      <InlineAlert status={optional ? 'neutral' : 'error'} role="status">
        {t(optional ? 'common.notAvailable' : 'common.error', { message: error.message })}
      </InlineAlert>
    );
  }
  if (!loading && !hasData) {
    // The gateway may answer `data: null` without top-level errors (e.g. a non-null field
    // that a subgraph could not complete); say so instead of showing nothing.
    return (
      <InlineAlert status={optional ? 'neutral' : 'error'} role="status">
        {t(optional ? 'common.notAvailable' : 'common.error', { message: '–' })}
      </InlineAlert>
    );
  }
  if (loading && !hasData) {
    return (
      <p role="status" className="loading">
        {t('common.loading')}
      </p>
    );
  }
  return <>{children}</>;
}

export interface UserError {
  code: string;
  message: string;
  field: string | null;
}

/** Splits payload errors into field errors (by the last segment of `field`) and the rest. */
export function splitErrors(errors: readonly UserError[]): {
  fields: Record<string, string>;
  other: string[];
} {
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const e of errors) {
    const key = e.field?.split('.').pop();
    if (key) fields[key] = fields[key] ? `${fields[key]} ${e.message}` : e.message;
    else other.push(e.message);
  }
  return { fields, other };
}

/** Summary of a form's errors: focusable so that it can be moved to after a failed submit. */
export function FormErrors({ errors, id }: { errors: readonly UserError[]; id?: string }) {
  const { t } = useI18n();
  if (!errors.length) return null;
  return (
    <div className="form-errors" role="alert" id={id} tabIndex={-1}>
      <p className="form-errors-title">{t('common.formErrors')}</p>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>{e.message}</li>
        ))}
      </ul>
    </div>
  );
}

/** A native select with a visible label and an optional error text tied to it. */
export function Select({
  label,
  error,
  children,
  ...props
}: {
  label: ReactNode;
  error?: string | undefined;
  children: ReactNode;
} & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        {...props}
      >
        {children}
      </select>
      {error ? (
        <span id={errorId} className="error-text">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** A visually hidden live region for announcements (e.g. live budget updates). */
export function LiveAnnouncement({ text }: { text: string }) {
  return (
    <p className="visually-hidden" aria-live="polite" role="status">
      {text}
    </p>
  );
}

/** A native text input with a visible label and an optional error text tied to it. */
export function TextField({
  label,
  error,
  hint,
  ...props
}: {
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
} & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span id={hintId} className="muted">
          {hint}
        </span>
      ) : null}
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...props}
      />
      {error ? (
        <span id={errorId} className="error-text">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** A request failure as a payload-style error, so that forms show it like any other. */
export function requestFailure(err: unknown): UserError[] {
  return [
    {
      code: 'REQUEST_FAILED',
      message: err instanceof Error ? err.message : String(err),
      field: null,
    },
  ];
}
