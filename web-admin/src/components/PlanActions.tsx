import { useMutation } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Button, Textarea } from 'suomifi-ui-components';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import { dateTime } from '../format';
import { FormErrors } from './common';
import { useMutationForm } from './useMutationForm';

const SendPlan = graphql(`
  mutation SendPlan($planId: ID!) {
    sendPlan(planId: $planId) {
      plan {
        id
        sentAt
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

const AcceptOnBehalf = graphql(`
  mutation AcceptPlanOnBehalf($planId: ID!, $reason: String) {
    acceptPlan(planId: $planId, onBehalfReason: $reason) {
      plan {
        id
        status
        acceptedAt
        acceptedReason
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

interface Props {
  plan: {
    id: string;
    status: string;
    sentAt: string | null;
    acceptedAt: string | null;
    acceptedOnBehalf: boolean | null;
    acceptedReason: string | null;
  };
  onSaved: (message: string | null) => void;
}

/** Where the version stands and the next step: send a draft, or record the acceptance. */
export function PlanActions({ plan, onSaved }: Props) {
  const { t, locale } = useI18n();
  const [reason, setReason] = useState('');
  const [accepting, setAccepting] = useState(false);
  const refetch = { refetchQueries: ['ClientPlans', 'PlanDetail'], awaitRefetchQueries: true };
  const [send, sending] = useMutation(SendPlan, refetch);
  const [accept, acceptState] = useMutation(AcceptOnBehalf, refetch);
  const { fields, other, submit } = useMutationForm();

  async function onSend() {
    await submit({
      run: async () => (await send({ variables: { planId: plan.id } })).data?.sendPlan,
      onSuccess: () => onSaved(t('planFlow.sentNow')),
    });
  }

  async function onAccept(e: FormEvent) {
    e.preventDefault();
    await submit({
      run: async () => (await accept({ variables: { planId: plan.id, reason } })).data?.acceptPlan,
      onSuccess: () => {
        setAccepting(false);
        onSaved(t('planFlow.acceptedNow'));
      },
    });
  }

  if (plan.status === 'ACCEPTED' || plan.status === 'SUPERSEDED') {
    if (!plan.acceptedAt) return null;
    return (
      <p className="plan-state">
        {plan.acceptedOnBehalf
          ? t('planFlow.acceptedOnBehalf', {
              date: dateTime(plan.acceptedAt, locale),
              reason: plan.acceptedReason ?? '',
            })
          : t('planFlow.acceptedBy', { date: dateTime(plan.acceptedAt, locale) })}
      </p>
    );
  }
  return (
    <div className="plan-actions">
      <p className="plan-state" data-testid="plan-state">
        {plan.sentAt
          ? t('planFlow.sentAt', { date: dateTime(plan.sentAt, locale) })
          : t('planFlow.notSent')}
      </p>
      <FormErrors errors={other.map((message) => ({ code: '', message, field: null }))} />
      <div className="form-actions">
        <Button onClick={onSend} disabled={sending.loading}>
          {t('planFlow.send')}
        </Button>{' '}
        <Button
          variant="secondary"
          aria-expanded={accepting}
          onClick={() => setAccepting(!accepting)}
        >
          {t('planFlow.acceptOnBehalf')}
        </Button>
      </div>
      {accepting ? (
        <form onSubmit={onAccept} className="form grid" noValidate>
          <Textarea
            labelText={t('planFlow.onBehalfReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            status={fields.onBehalfReason ? 'error' : 'default'}
            statusText={fields.onBehalfReason ? t('planFlow.reasonRequired') : undefined}
            fullWidth
          />
          <div className="form-actions">
            <Button type="submit" disabled={acceptState.loading}>
              {t('planFlow.acceptOnBehalf')}
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
