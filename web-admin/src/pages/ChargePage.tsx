import { useMutation, useQuery } from '@apollo/client';
import { useRef, useState, type FormEvent } from 'react';
import { Button } from 'suomifi-ui-components';
import { useAuth } from '../auth';
import { Page } from '../components/Page';
import { FormErrors, QueryState, Select, TextField, type UserError } from '../components/common';
import { useMutationForm } from '../components/useMutationForm';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import { date, money, parseEuroInput, todayInFinland } from '../format';
import { useServiceTypeName } from '../components/catalogue';

const ProviderCommitments = graphql(`
  query ProviderCommitments {
    myCommitments(status: [ACTIVE], first: 100) {
      edges {
        node {
          id
          clientFirstName
          budgetYear
          validFrom
          validTo
          serviceType {
            code
            name
          }
          remaining {
            amount
            currency
          }
        }
      }
    }
  }
`);

const ProviderCharges = graphql(`
  query ProviderCharges($first: Int!) {
    myCharges(first: $first) {
      totalCount
      edges {
        node {
          id
          serviceDate
          clientFirstName
          status
          disputeReason
          description
          settledAt
          paidAt
          amount {
            amount
            currency
          }
        }
      }
    }
  }
`);

/** Charges shown at first and added by "show more"; the API gives at most 100 at once. */
const CHARGES_PAGE = 20;
const MAX_CHARGES_SHOWN = 100;

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

const today = () => todayInFinland();
const newKey = () =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;

/**
 * A provider records a charge for a service given, choosing one of its payment commitments
 * (maksusitoumus) from a list: it never types or sees a budget id (providers may not read
 * budgets). The same idempotency key is kept until the charge is recorded, so that sending again
 * after a failure never charges twice. Below, its own charges and what the clients answered.
 */
export function ChargePage() {
  const { t, locale } = useI18n();
  const serviceName = useServiceTypeName();
  const { session } = useAuth();
  const commitments = useQuery(ProviderCommitments, { fetchPolicy: 'cache-and-network' });
  // Newest first, a page at a time: a provider with many clients has many charges, and a
  // settlement of older ones shows only further down. One query of all the rows shown (not
  // pages merged), so that the poll keeps every row shown up to date.
  const [shown, setShown] = useState(CHARGES_PAGE);
  // Polled, so that a client's confirmation or dispute shows without a reload.
  const charges = useQuery(ProviderCharges, {
    variables: { first: shown },
    fetchPolicy: 'cache-and-network',
    pollInterval: 15_000,
  });
  const options = commitments.data?.myCommitments.edges.map((e) => e.node) ?? [];
  const [chosen, setChosen] = useState('');
  const commitmentId = chosen || options[0]?.id || '';
  const [amount, setAmount] = useState('');
  const [serviceDate, setServiceDate] = useState(today());
  const [description, setDescription] = useState('');
  const [key, setKey] = useState(newKey);
  const [done, setDone] = useState<string | null>(null);
  const [record, { loading }] = useMutation(RecordCharge);
  const errorsRef = useRef<HTMLDivElement>(null);
  const { errors, setErrors, fields, submit } = useMutationForm();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const local: UserError[] = [];
    if (!commitmentId)
      local.push({
        code: 'VALIDATION',
        message: t('charge.commitmentRequired'),
        field: 'commitmentId',
      });
    const parsed = parseEuroInput(amount);
    if (!parsed)
      local.push({ code: 'VALIDATION', message: t('charge.amountInvalid'), field: 'amount' });
    const focusErrors = () =>
      setTimeout(() => errorsRef.current?.querySelector<HTMLElement>('[tabindex]')?.focus());
    const providerId = session?.providerId;
    if (!parsed || local.length > 0 || !providerId) {
      setErrors(local);
      if (local.length) focusErrors();
      return;
    }
    const input = {
      commitmentId,
      providerId,
      amount: parsed,
      serviceDate,
      description: description.trim() || null,
      idempotencyKey: key,
    };
    const outcome = await submit({
      run: async () => (await record({ variables: { input } })).data?.recordCharge,
      onSuccess: ({ transaction }) => {
        if (!transaction) return;
        setDone(
          t('charge.done', {
            amount: money(transaction.amount, locale),
            status: t(`txStatus.${transaction.status}`),
          }),
        );
        setAmount('');
        setDescription('');
        setKey(newKey());
        void commitments.refetch();
        void charges.refetch();
      },
    });
    if (!outcome.ok) focusErrors();
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
        <QueryState
          loading={commitments.loading}
          error={commitments.error}
          hasData={!!commitments.data}
        >
          {options.length === 0 ? (
            <p className="notice">{t('charge.noCommitments')}</p>
          ) : (
            <Select
              label={t('charge.commitment')}
              value={commitmentId}
              onChange={(e) => setChosen(e.target.value)}
              error={fields.commitmentId}
            >
              {options.map((c) => (
                <option key={c.id} value={c.id}>
                  {t('charge.commitmentOption', {
                    name: c.clientFirstName,
                    year: String(c.budgetYear),
                    service: serviceName(c.serviceType),
                    remaining: money(c.remaining, locale),
                    from: date(c.validFrom, locale),
                    to: date(c.validTo, locale),
                  })}
                </option>
              ))}
            </Select>
          )}
        </QueryState>
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
        <Button type="submit" disabled={loading || options.length === 0}>
          {t('charge.submit')}
        </Button>
      </form>
      <h2>{t('charge.mine')}</h2>
      <QueryState loading={charges.loading} error={charges.error} hasData={!!charges.data}>
        {charges.data?.myCharges.totalCount ? (
          <table className="table my-charges">
            <thead>
              <tr>
                <th scope="col">{t('charge.colDate')}</th>
                <th scope="col">{t('charge.colClient')}</th>
                <th scope="col">{t('charge.description')}</th>
                <th scope="col">{t('charge.colAmount')}</th>
                <th scope="col">{t('charge.colStatus')}</th>
                <th scope="col">{t('charge.colReason')}</th>
                <th scope="col">{t('charge.colPayment')}</th>
              </tr>
            </thead>
            <tbody>
              {charges.data.myCharges.edges.map(({ node: c }) => (
                <tr key={c.id} data-charge-status={c.status}>
                  <td>{date(c.serviceDate, locale)}</td>
                  <td>{c.clientFirstName ?? '–'}</td>
                  <td>{c.description ?? ''}</td>
                  <td className="num">{money(c.amount, locale)}</td>
                  <td>{t(`chargeStatus.${c.status}`)}</td>
                  <td>{c.disputeReason ?? ''}</td>
                  <td>
                    {c.paidAt
                      ? t('charge.paid', { date: date(c.paidAt, locale) })
                      : c.settledAt
                        ? t('charge.settled', { date: date(c.settledAt, locale) })
                        : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t('charge.none')}</p>
        )}
        {charges.data && charges.data.myCharges.totalCount > 0 ? (
          <p>
            {t('charge.shown', {
              shown: charges.data.myCharges.edges.length,
              total: charges.data.myCharges.totalCount,
            })}
          </p>
        ) : null}
        {charges.data &&
        charges.data.myCharges.edges.length < charges.data.myCharges.totalCount &&
        shown < MAX_CHARGES_SHOWN ? (
          <Button
            variant="secondary"
            onClick={() => setShown((n) => Math.min(n + CHARGES_PAGE, MAX_CHARGES_SHOWN))}
          >
            {t('charge.more')}
          </Button>
        ) : null}
      </QueryState>
    </Page>
  );
}
