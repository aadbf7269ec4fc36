import { useMutation } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Button } from 'suomifi-ui-components';
import { useAuth } from '../auth';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import { dateTime } from '../format';
import type { MessageKey } from '../messages';
import { FormErrors, TextField } from './common';
import { useMutationForm } from './useMutationForm';

const Acknowledge = graphql(`
  mutation AcknowledgeAlert($alertId: ID!, $note: String!) {
    acknowledgeAlert(alertId: $alertId, note: $note) {
      alert {
        id
        status
        acknowledgedAt
        acknowledgementNote
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export interface AlertView {
  id: string;
  kind: string;
  message: string;
  plainMessage: string;
  raisedAt: unknown;
  status: string;
  acknowledgementNote?: string | null;
}

/** An open alert's acknowledgement by staff: what was done, in a note. */
function AcknowledgeForm({ alertId }: { alertId: string }) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const [acknowledge, { loading }] = useMutation(Acknowledge);
  const { errors, fields, submit } = useMutationForm();
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    await submit({
      run: async () => (await acknowledge({ variables: { alertId, note } })).data?.acknowledgeAlert,
    });
  }
  return (
    <form
      className="form inline-form"
      aria-label={t('alerts.acknowledge')}
      onSubmit={(e) => void onSubmit(e)}
    >
      <FormErrors errors={errors.filter((e) => e.field !== 'note')} />
      <TextField
        label={t('alerts.note')}
        value={note}
        maxLength={1000}
        error={fields.note}
        onChange={(e) => setNote(e.target.value)}
      />
      <Button type="submit" variant="secondary" disabled={loading}>
        {t('alerts.acknowledge')}
      </Button>
    </form>
  );
}

/**
 * A budget's alerts: staff read the numbers and acknowledge open ones with a note; the client
 * and her team read them in plain language. Resolved alerts are not listed (they passed).
 */
export function AlertList({ alerts }: { alerts: readonly AlertView[] }) {
  const { t, locale } = useI18n();
  const { session } = useAuth();
  const staff = session?.role === 'ADVISER' || session?.role === 'WORKER';
  if (alerts.length === 0) return <p>{t('budget.noAlerts')}</p>;
  return (
    <ul className="alerts">
      {alerts.map((a) => (
        <li key={a.id} data-status={a.status}>
          <strong>{t(`alert.${a.kind}` as MessageKey)}</strong> (
          {dateTime(String(a.raisedAt), locale)}
          ): {staff ? a.message : a.plainMessage}
          {a.status === 'ACKNOWLEDGED' ? (
            <p className="muted">
              {t('alerts.acknowledged')}
              {staff && a.acknowledgementNote ? `: ${a.acknowledgementNote}` : ''}
            </p>
          ) : staff ? (
            <AcknowledgeForm alertId={a.id} />
          ) : null}
        </li>
      ))}
    </ul>
  );
}
