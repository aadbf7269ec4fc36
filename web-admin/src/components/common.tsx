import { useApolloClient, type ApolloError } from '@apollo/client';
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import { InlineAlert } from 'suomifi-ui-components';
import { useI18n } from '../i18n';

/**
 * Whether a failure is only "you may not see this": every error is FORBIDDEN and nothing failed
 * on the way. Anything else (a subgraph down, a timeout, a bug) is a failure, never hidden as
 * "not available".
 */
export function onlyForbidden(error: ApolloError): boolean {
  return (
    !error.networkError &&
    error.graphQLErrors.length > 0 &&
    error.graphQLErrors.every((e) => e.extensions?.code === 'FORBIDDEN')
  );
}

/** The request id to give support: the server's, else the one the UI sent (apollo.ts). */
export function requestIdOf(error: ApolloError | undefined): string | null {
  if (!error) return null;
  for (const e of error.graphQLErrors) {
    const id = e.extensions?.requestId;
    if (typeof id === 'string') return id;
  }
  const network = error.networkError as { requestId?: unknown } | null;
  return typeof network?.requestId === 'string' ? network.requestId : null;
}

/** A part of the page that failed: what happened, the request id for support, and a retry. */
export function FailedPart({
  message,
  requestId,
  onRetry,
}: {
  message: string;
  requestId: string | null;
  onRetry: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="failed-part" role="alert">
      <InlineAlert status="error">
        <p>{t('common.error', { message })}</p>
        {requestId ? (
          <p>
            {t('common.requestId', { id: '' })}
            <code>{requestId}</code>
          </p>
        ) : null}
      </InlineAlert>
      <button type="button" className="retry" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  );
}

/**
 * Loading and error states of a query, announced politely to assistive technology. A failure
 * says it failed, with the request id and a retry (`onRetry`, else every active query is asked
 * again); "not available" is only for a role that really has no access (FORBIDDEN).
 */
export function QueryState({
  loading,
  error,
  hasData,
  optional,
  onRetry,
  children,
}: {
  loading: boolean;
  error?: ApolloError | undefined;
  hasData: boolean;
  /** A part some roles may not read: FORBIDDEN shows as "not available to you". */
  optional?: boolean;
  /** Asks for the data again; default: refetch the active queries. */
  onRetry?: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const client = useApolloClient();
  const retry =
    onRetry ??
    (() => {
      void client.refetchQueries({ include: 'active' }).catch(() => undefined);
    });
  if (error && !hasData) {
    if (optional && onlyForbidden(error)) {
      return (
        <InlineAlert status="neutral" role="status">
          {t('common.notAvailable', { message: '' })}
        </InlineAlert>
      );
    }
    return <FailedPart message={error.message} requestId={requestIdOf(error)} onRetry={retry} />;
  }
  if (!loading && !hasData) {
    // The gateway may answer `data: null` without top-level errors (e.g. a non-null field
    // that a subgraph could not complete): that is a failure too, not a missing feature.
    return <FailedPart message="–" requestId={requestIdOf(error)} onRetry={retry} />;
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
