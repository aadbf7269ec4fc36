import { useMutation } from '@apollo/client';
import { useId, useState, type FormEvent } from 'react';
import { Button, Heading, InlineAlert } from 'suomifi-ui-components';
import { graphql } from '../../gql';
import type { MyPlansQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { date } from '../../format';
import { useMutationForm } from '../../components/useMutationForm';

const RequestChanges = graphql(`
  mutation MyRequestPlanChanges($planId: ID!, $message: String!) {
    requestPlanChanges(planId: $planId, message: $message) {
      changeRequest {
        id
        message
        requestedAt
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

/** A plan as MyPlanPage reads it. */
type Plan = NonNullable<MyPlansQuery['client']>['plans'][number];

/** "I'd like changes": her own words kept with the draft for the HB centre. */
export function ChangeRequestForm({ plan }: { plan: Plan }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { result, submit } = useMutationForm();
  const [send, sending] = useMutation(RequestChanges, { refetchQueries: ['MyPlans'] });
  const id = useId();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!message.trim()) {
      setError(t('myPlan.changeRequired'));
      document.getElementById(id)?.focus();
      return;
    }
    const variables = { planId: plan.id, message: message.trim() };
    void submit({
      run: async () => (await send({ variables })).data?.requestPlanChanges,
      onSuccess: () => {
        setMessage('');
        setOpen(false);
      },
      confirmation: () => t('myPlan.changeSent'),
    });
  };
  return (
    <div className="my-change-requests">
      {plan.changeRequests.length > 0 ? (
        <>
          <Heading variant="h3" as="h3">
            {t('myPlan.changesAsked')}
          </Heading>
          <ul className="my-list">
            {plan.changeRequests.map((c) => (
              <li key={c.id} className="my-item">
                <p className="muted">{date(c.requestedAt, locale)}</p>
                <p className="my-text">{c.message}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div role="status">
        {result ? (
          <InlineAlert status={result.ok ? 'neutral' : 'error'}>{result.text}</InlineAlert>
        ) : null}
      </div>
      {open ? (
        <form className="my-form" onSubmit={onSubmit} noValidate>
          <label htmlFor={id}>{t('myPlan.changeWhat')}</label>
          <textarea
            id={id}
            rows={4}
            value={message}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => {
              setMessage(e.target.value);
              setError(null);
            }}
          />
          {error ? (
            <span id={`${id}-error`} className="error-text">
              {error}
            </span>
          ) : null}
          <div className="my-actions">
            <Button type="submit" disabled={sending.loading}>
              {t('myPlan.changeSend')}
            </Button>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      ) : (
        <div className="my-actions">
          <Button variant="secondary" onClick={() => setOpen(true)}>
            {t('myPlan.changeAsk')}
          </Button>
        </div>
      )}
    </div>
  );
}
