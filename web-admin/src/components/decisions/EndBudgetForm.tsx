import { useMutation } from '@apollo/client';
import { useId, useState, type FormEvent } from 'react';
import { Button, Heading } from 'suomifi-ui-components';
import { graphql } from '../../gql';
import { useI18n } from '../../i18n';
import { money, todayInFinland } from '../../format';
import { FormErrors, requestFailure, splitErrors, type UserError } from '../common';
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
  const [errors, setErrors] = useState<readonly UserError[]>([]);
  const [endBudget, { loading }] = useMutation(EndBudget);
  const id = useId();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setErrors([]);
    try {
      const res = await endBudget({ variables: { budgetId, input: { endDate, reason } } });
      const payload = res.data?.endBudget;
      if (!payload || payload.errors.length > 0) {
        setErrors(payload?.errors ?? []);
        return;
      }
      setOpen(false);
      onEnded(
        fill(x.ended, {
          amount: payload.lapsed ? money(payload.lapsed, locale) : '–',
          count: payload.cancelledCommitments,
        }),
      );
    } catch (err) {
      setErrors(requestFailure(err));
    }
  }

  const { fields } = splitErrors(errors);
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
