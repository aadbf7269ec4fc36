import { useMutation } from '@apollo/client';
import { useRef, useState, type FormEvent } from 'react';
import { Button } from 'suomifi-ui-components';
import { useAuth } from '../auth';
import { Page } from '../components/Page';
import {
  FormErrors,
  TextField,
  requestFailure,
  splitErrors,
  type UserError,
} from '../components/common';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import { money, parseEuroInput } from '../format';

const RecordCharge = graphql(`
  mutation ProviderRecordCharge($input: RecordChargeInput!) {
    recordCharge(input: $input) {
      transaction {
        id
        status
        amount {
          amount
          currency
        }
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

const today = () => new Date().toISOString().slice(0, 10);
const newKey = () =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;

/**
 * A provider records a charge for a service given, on a client's budget whose id the client or
 * adviser has told them (providers may not read budgets). The same idempotency key is kept
 * until the charge is recorded, so that sending again after a failure never charges twice.
 */
export function ChargePage() {
  const { t, locale } = useI18n();
  const { session } = useAuth();
  const [budgetId, setBudgetId] = useState('');
  const [amount, setAmount] = useState('');
  const [serviceDate, setServiceDate] = useState(today());
  const [description, setDescription] = useState('');
  const [key, setKey] = useState(newKey);
  const [errors, setErrors] = useState<UserError[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [record, { loading }] = useMutation(RecordCharge);
  const errorsRef = useRef<HTMLDivElement>(null);
  const { fields } = splitErrors(errors);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const local: UserError[] = [];
    if (!budgetId.trim())
      local.push({ code: 'VALIDATION', message: t('charge.budgetRequired'), field: 'budgetId' });
    const parsed = parseEuroInput(amount);
    if (!parsed)
      local.push({ code: 'VALIDATION', message: t('charge.amountInvalid'), field: 'amount' });
    let errs: UserError[] = local;
    if (local.length === 0 && session?.providerId) {
      try {
        const res = await record({
          variables: {
            input: {
              budgetId: budgetId.trim(),
              providerId: session.providerId,
              amount: parsed!,
              serviceDate,
              description: description.trim() || null,
              idempotencyKey: key,
            },
          },
        });
        const payload = res.data?.recordCharge;
        errs = payload?.errors ?? requestFailure(res.errors?.[0]?.message ?? '–');
        if (payload && errs.length === 0 && payload.transaction) {
          setDone(
            t('charge.done', {
              amount: money(payload.transaction.amount, locale),
              status: t(`txStatus.${payload.transaction.status}`),
            }),
          );
          setAmount('');
          setDescription('');
          setKey(newKey());
        }
      } catch (err) {
        errs = requestFailure(err);
      }
    }
    setErrors(errs);
    if (errs.length)
      setTimeout(() => errorsRef.current?.querySelector<HTMLElement>('[tabindex]')?.focus());
  }

  return (
    <Page title={t('charge.title')} lead={t('charge.intro')}>
      <p role="status" className={done ? 'notice' : 'visually-hidden'}>
        {done ?? ''}
      </p>
      <form onSubmit={onSubmit} className="form narrow" noValidate aria-label={t('charge.title')}>
        <div ref={errorsRef}>
          <FormErrors errors={errors} />
        </div>
        <TextField
          label={t('charge.budgetId')}
          value={budgetId}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setBudgetId(e.target.value)}
          error={fields.budgetId}
        />
        <TextField
          label={t('charge.amount')}
          value={amount}
          inputMode="decimal"
          autoComplete="off"
          onChange={(e) => setAmount(e.target.value)}
          error={fields.amount}
        />
        <TextField
          label={t('charge.serviceDate')}
          type="date"
          value={serviceDate}
          onChange={(e) => setServiceDate(e.target.value)}
          error={fields.serviceDate}
        />
        <TextField
          label={t('charge.description')}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={fields.description}
        />
        <Button type="submit" disabled={loading}>
          {t('charge.submit')}
        </Button>
      </form>
    </Page>
  );
}
