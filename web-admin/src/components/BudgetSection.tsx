import { useQuery, useSubscription } from '@apollo/client';
import { useEffect, useState } from 'react';
import { Button, Heading } from 'suomifi-ui-components';
import { graphql } from '../gql';
import type { BudgetFieldsFragment } from '../gql/graphql';
import { useI18n } from '../i18n';
import { date, dateTime, elapsedShareOfYear, money } from '../format';
import { LiveAnnouncement, QueryState } from './common';
import { BudgetForm } from './BudgetForm';
import { SpendingChart } from './SpendingChart';
import { BudgetCommitmentsTable } from './PlanCommitments';
import { AlertList } from './AlertList';
import { useServiceTypeName } from './catalogue';

graphql(`
  fragment BudgetFields on Budget {
    id
    year
    status
    instrument
    paymentIntervalMonths
    explanation
    serviceType {
      code
      name
    }
    hbClass {
      id
      level
      individual
    }
    granted {
      amount
      currency
    }
    paidOut {
      amount
      currency
    }
    spent {
      amount
      currency
    }
    pending {
      amount
      currency
    }
    remaining {
      amount
      currency
    }
    instalments {
      dueDate
      amount {
        amount
        currency
      }
      paid
    }
    alerts {
      id
      kind
      message
      raisedAt
      status
      plainMessage
      acknowledgementNote
    }
  }
`);

const LedgerQuery = graphql(`
  query BudgetLedger($id: ID!, $after: String) {
    budget(id: $id) {
      id
      transactions(first: 30, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            kind
            status
            serviceDate
            description
            createdAt
            amount {
              amount
              currency
            }
            provider {
              id
              name
            }
          }
        }
      }
    }
  }
`);

const BudgetsQuery = graphql(`
  query ClientBudgets($id: ID!) {
    client(id: $id) {
      id
      budgets {
        ...BudgetFields
      }
    }
  }
`);

const BudgetChanged = graphql(`
  subscription BudgetChanged($clientId: ID!) {
    budgetChanged(clientId: $clientId) {
      sequence
      kind
      budget {
        ...BudgetFields
      }
    }
  }
`);

export function BudgetSection({
  clientId,
  municipalityCode,
}: {
  clientId: string;
  municipalityCode: string;
}) {
  const { t, locale } = useI18n();
  const { data, loading, error, refetch } = useQuery(BudgetsQuery, { variables: { id: clientId } });
  const [announcement, setAnnouncement] = useState('');
  // Bumped on every event, so that each budget's ledger is fetched again.
  const [revision, setRevision] = useState(0);
  // Budget objects are normalised by id, so an event's budget updates every view of it.
  const sub = useSubscription(BudgetChanged, {
    variables: { clientId },
    skip: !data?.client,
    onData: ({ data: event }) => {
      const budget = event.data?.budgetChanged.budget;
      if (budget) setAnnouncement(t('budget.updated', { amount: money(budget.remaining, locale) }));
      setRevision((r) => r + 1);
    },
  });
  const budgets = [...(data?.client?.budgets ?? [])].sort((a, b) => b.year - a.year);
  return (
    <section aria-labelledby="budget-heading" className="card">
      <Heading variant="h2" id="budget-heading">
        {t('budget.title')}
      </Heading>
      {sub.error ? null : data?.client ? (
        <span className="live-badge">{t('budget.live')}</span>
      ) : null}
      <LiveAnnouncement text={announcement} />
      <QueryState loading={loading} error={error} hasData={!!data?.client} optional>
        {budgets.length === 0 ? <p>{t('budget.none')}</p> : null}
        {budgets.map((b) => (
          <BudgetView key={b.id} budget={b} revision={revision} />
        ))}
        <BudgetForm
          clientId={clientId}
          municipalityCode={municipalityCode}
          onDecided={() => void refetch()}
        />
      </QueryState>
    </section>
  );
}

function BudgetView({ budget: b, revision }: { budget: BudgetFieldsFragment; revision: number }) {
  const { t, locale } = useI18n();
  const serviceName = useServiceTypeName();
  const ledger = useQuery(LedgerQuery, { variables: { id: b.id } });
  const { refetch } = ledger;
  useEffect(() => {
    if (revision > 0) void refetch();
  }, [revision, refetch]);
  const transactions = ledger.data?.budget?.transactions.edges ?? [];
  const granted = Number(b.granted.amount) || 0;
  const share = (m: { amount: string }) => (granted > 0 ? Number(m.amount) / granted : 0);
  const headingId = `budget-${b.id}`;
  return (
    <article aria-labelledby={headingId} className="budget">
      <Heading variant="h3" id={headingId}>
        {t('budget.heading', { service: serviceName(b.serviceType), year: b.year })}
      </Heading>
      <p>
        {t('budget.status')}: {t(`status.${b.status}`)} · {t('budget.class')}:{' '}
        {b.hbClass
          ? b.hbClass.individual
            ? t('budget.individual')
            : t('budget.classLevel', { level: b.hbClass.level ?? '' })
          : '–'}{' '}
        · {t(`instrument.${b.instrument}`)} ·{' '}
        {t('budget.interval', { months: b.paymentIntervalMonths })}
      </p>
      {b.explanation ? <p className="muted">{b.explanation}</p> : null}
      <p className="muted">
        {t('budget.id')}: <code data-testid="budget-id">{b.id}</code>
      </p>
      <dl className="figures" data-testid="budget-figures">
        {(
          [
            ['budget.granted', b.granted, 'granted'],
            ['budget.paidOut', b.paidOut, 'paid-out'],
            ['budget.spent', b.spent, 'spent'],
            ['budget.pending', b.pending, 'pending'],
            ['budget.remaining', b.remaining, 'remaining'],
          ] as const
        ).map(([key, value, cls]) => (
          <div key={key} className={`figure ${cls}`}>
            <dt>{t(key)}</dt>
            <dd data-figure={cls}>{money(value, locale)}</dd>
          </div>
        ))}
      </dl>
      <SpendingChart
        spentShare={share(b.spent)}
        pendingShare={share(b.pending)}
        elapsedShare={elapsedShareOfYear(b.year)}
      />
      <Heading variant="h4" as="h4">
        {t('commitments.title')}
      </Heading>
      <BudgetCommitmentsTable budgetId={b.id} revision={revision} />
      <Heading variant="h4" as="h4">
        {t('budget.alerts')}
      </Heading>
      <AlertList alerts={b.alerts} />
      <Heading variant="h4" as="h4">
        {t('budget.instalments')}
      </Heading>
      <table className="table">
        <caption className="visually-hidden">{t('budget.instalments')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('budget.dueDate')}</th>
            <th scope="col" className="num">
              {t('budget.amount')}
            </th>
            <th scope="col">{t('budget.paid')}</th>
          </tr>
        </thead>
        <tbody>
          {b.instalments.map((i) => (
            <tr key={i.dueDate}>
              <td>{date(i.dueDate, locale)}</td>
              <td className="num">{money(i.amount, locale)}</td>
              <td>{i.paid ? t('budget.yes') : t('budget.no')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Heading variant="h4" as="h4">
        {t('budget.ledger')}
      </Heading>
      <QueryState loading={ledger.loading} error={ledger.error} hasData={!!ledger.data?.budget}>
        <table className="table ledger">
          <caption className="visually-hidden">{t('budget.ledger')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('budget.date')}</th>
              <th scope="col">{t('budget.kind')}</th>
              <th scope="col">{t('budget.provider')}</th>
              <th scope="col">{t('budget.description')}</th>
              <th scope="col">{t('budget.txStatus')}</th>
              <th scope="col" className="num">
                {t('budget.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {transactions.map(({ node: tx }) => (
              <tr key={tx.id}>
                <td>
                  {tx.serviceDate ? date(tx.serviceDate, locale) : dateTime(tx.createdAt, locale)}
                </td>
                <td>{t(`tx.${tx.kind}`)}</td>
                <td>{tx.provider?.name ?? '–'}</td>
                <td>{tx.description ?? ''}</td>
                <td>{t(`txStatus.${tx.status}`)}</td>
                <td className="num">{money(tx.amount, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {ledger.data?.budget?.transactions.pageInfo.hasNextPage ? (
          <p>
            <Button
              variant="secondary"
              onClick={() =>
                void ledger.fetchMore({
                  variables: { after: ledger.data?.budget?.transactions.pageInfo.endCursor },
                  // The ledger is one growing list: the next page is appended to the rows shown.
                  updateQuery: (prev, { fetchMoreResult }) =>
                    prev.budget && fetchMoreResult.budget
                      ? {
                          ...prev,
                          budget: {
                            ...prev.budget,
                            transactions: {
                              ...fetchMoreResult.budget.transactions,
                              edges: [
                                ...prev.budget.transactions.edges,
                                ...fetchMoreResult.budget.transactions.edges,
                              ],
                            },
                          },
                        }
                      : prev,
                })
              }
            >
              {t('ledger.more', {
                shown: transactions.length,
                total: ledger.data.budget.transactions.totalCount,
              })}
            </Button>
          </p>
        ) : null}
      </QueryState>
    </article>
  );
}
