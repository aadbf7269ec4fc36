import { useMutation } from '@apollo/client';
import { useId, useState, type FormEvent } from 'react';
import { Button, Heading } from 'suomifi-ui-components';
import { graphql } from '../../gql';
import { useI18n } from '../../i18n';
import { money, todayInFinland } from '../../format';
import { FormErrors } from '../common';
import { useMutationForm } from '../useMutationForm';
import { fill, textsOf } from './decisions.texts';

const EndBudget = graphql(`
  mutation EndBudget($budgetId: ID!, $input: EndBudgetInput!) {
    endBudget(budgetId: $budgetId, input: $input) {
      budget {
        id
        status
      }
      lapsed {
        amount
        currency
      }
      cancelledCommitments
      errors {
        code
        message
        field
      }
    }
  }
`);

/** Ends a client's HB (staff): the end date and reason, then the lapsed sum and cancelled commitments. */
export function EndBudgetForm({
  budgetId,
  title,
  onEnded,
}: {
  budgetId: string;
  title: string;
  onEnded: (note: string) => void;
}) {
  const { language, locale } = useI18n();
  const x = textsOf(language);
  const [open, setOpen] = useState(false);
  const [endDate, setEndDate] = useState(todayInFinland);
  const [reason, setReason] = useState('');
  const [endBudget, { loading }] = useMutation(EndBudget);
  const { errors, setErrors, fields, submit } = useMutationForm();
  const id = useId();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setErrors([]);
    await submit({
      run: async () =>
        (await endBudget({ variables: { budgetId, input: { endDate, reason } } })).data?.endBudget,
      onSuccess: (payload) => {
        setOpen(false);
        onEnded(
          fill(x.ended, {
            amount: payload.lapsed ? money(payload.lapsed, locale) : '–',
            count: payload.cancelledCommitments,
          }),
        );
      },
    });
  }

  if (!open) {
    return (
      <div>
        <Button variant="secondary" onClick={() => setOpen(true)}>
          {title}
        </Button>
      </div>
    );
  }
  return (
    <form onSubmit={(e) => void onSubmit(e)} aria-label={x.end} noValidate>
      <Heading variant="h3" as="h3">
        {title}
      </Heading>
      <FormErrors errors={errors} />
      <div className={`field${fields.endDate ? ' field-error' : ''}`}>
        <label htmlFor={`${id}-date`}>{x.endDate}</label>
        <input
          id={`${id}-date`}
          type="date"
          value={endDate}
          aria-invalid={fields.endDate ? true : undefined}
          onChange={(e) => setEndDate(e.target.value)}
        />
      </div>
      <div className={`field${fields.reason ? ' field-error' : ''}`}>
        <label htmlFor={`${id}-reason`}>{x.endReason}</label>
        <textarea
          id={`${id}-reason`}
          rows={3}
          value={reason}
          maxLength={2000}
          aria-invalid={fields.reason ? true : undefined}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <Button type="submit" disabled={loading}>
        {x.endSend}
      </Button>
    </form>
  );
}
