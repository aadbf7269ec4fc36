import { useMutation, useQuery, useSubscription } from '@apollo/client';
import { useId, useState, type FormEvent } from 'react';
import { Button, Heading, InlineAlert } from 'suomifi-ui-components';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import { date, money } from '../format';
import { Page } from '../components/Page';
import { QueryState } from '../components/common';
import { DecisionsSection } from '../components/DecisionsSection';
import { ExpensesSection } from '../components/ExpensesSection';
import { useMyAccess } from '../components/MyAccess';
import { BudgetCard, type Budget } from './my/BudgetCard';

const MyBudgets = graphql(`
  query MyBudgets($id: ID!) {
    client(id: $id) {
      id
      budgets {
        id
        year
        status
        serviceType {
          code
          name
        }
        granted {
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
        committed {
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
        commitments {
          id
          status
          payeeKind
          validFrom
          validTo
          provider {
            id
            name
          }
          serviceType {
            code
            name
          }
          amount {
            amount
            currency
          }
          remaining {
            amount
            currency
          }
        }
        transactions(first: 50) {
          edges {
            node {
              id
              kind
              status
              serviceDate
              description
              rejectionReason
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
  }
`);

const MyName = graphql(`
  query MyClientName($id: ID!) {
    client(id: $id) {
      id
      firstName
    }
  }
`);

const MyBudgetChanged = graphql(`
  subscription MyBudgetChanged($clientId: ID!) {
    budgetChanged(clientId: $clientId) {
      sequence
      budget {
        id
        remaining {
          amount
          currency
        }
      }
    }
  }
`);

const Confirm = graphql(`
  mutation MyConfirmCharge($id: ID!) {
    confirmCharge(transactionId: $id) {
      transaction {
        id
        status
      }
      budget {
        id
        remaining {
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

const Dispute = graphql(`
  mutation MyDisputeCharge($id: ID!, $reason: String!) {
    rejectCharge(transactionId: $id, reason: $reason) {
      transaction {
        id
        status
      }
      budget {
        id
        remaining {
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

type Tx = Budget['transactions']['edges'][number]['node'];

/** The client's own page (and her team member's view of it): budgets, arrangements, charges. */
export function MyPage() {
  const { t } = useI18n();
  const { clientId, role, scopes, loading: scopesLoading } = useMyAccess();
  const member = role === 'TEAM_MEMBER';
  const mayBudget = scopes.includes('BUDGET');
  const name = useQuery(MyName, {
    variables: { id: clientId ?? '' },
    skip: !clientId || !member || scopes.length === 0,
  });
  const title = member
    ? name.data?.client
      ? t('my.memberTitle', { name: name.data.client.firstName })
      : t('my.memberTitleAnon')
    : t('my.title');
  return (
    <Page title={title} lead={member ? t('my.memberLead') : t('my.lead')}>
      {!clientId || scopesLoading ? (
        <p role="status">{t('common.loading')}</p>
      ) : member && scopes.length === 0 ? (
        <p className="plain-notice">{t('my.noConsent')}</p>
      ) : mayBudget ? (
        <>
          <MyBudgetsView clientId={clientId} />
          <DecisionsSection clientId={clientId} mine />
          <ExpensesSection clientId={clientId} mine />
        </>
      ) : (
        <p className="plain-notice">{t('my.noBudgetConsent')}</p>
      )}
    </Page>
  );
}

function MyBudgetsView({ clientId }: { clientId: string }) {
  const { t, locale } = useI18n();
  const { data, loading, error, refetch } = useQuery(MyBudgets, { variables: { id: clientId } });
  const [done, setDone] = useState<{ ok: boolean; text: string } | null>(null);
  useSubscription(MyBudgetChanged, {
    variables: { clientId },
    skip: !data?.client,
    onData: () => void refetch(),
  });
  const budgets = [...(data?.client?.budgets ?? [])].sort((a, b) => b.year - a.year);
  const waiting = budgets.flatMap((b) =>
    b.transactions.edges
      .map((e) => e.node)
      .filter((tx) => tx.kind === 'CHARGE' && tx.status === 'PENDING_CONFIRMATION')
      .map((tx) => ({ tx, budget: b })),
  );
  return (
    <QueryState loading={loading} error={error} hasData={!!data?.client}>
      <section aria-labelledby="my-waiting" className="card my-section">
        <Heading variant="h2" id="my-waiting">
          {t('my.waiting')}
        </Heading>
        <div role="status" className="my-done">
          {done ? (
            <InlineAlert status={done.ok ? 'neutral' : 'error'}>{done.text}</InlineAlert>
          ) : null}
        </div>
        {waiting.length === 0 ? (
          <p>{t('my.waitingNone')}</p>
        ) : (
          <ul className="my-list" data-testid="waiting-charges">
            {waiting.map(({ tx }) => (
              <ChargeItem
                key={tx.id}
                tx={tx}
                onDone={(ok, text) => {
                  setDone({ ok, text });
                  void refetch();
                }}
              />
            ))}
          </ul>
        )}
      </section>
      {budgets.length === 0 ? <p>{t('my.noBudgets')}</p> : null}
      {budgets.map((b) => (
        <BudgetCard key={b.id} budget={b} locale={locale} />
      ))}
    </QueryState>
  );
}

function ChargeItem({ tx, onDone }: { tx: Tx; onDone: (ok: boolean, text: string) => void }) {
  const { t, locale } = useI18n();
  const [disputing, setDisputing] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [confirm, confirming] = useMutation(Confirm);
  const [dispute, sending] = useMutation(Dispute);
  const reasonId = useId();
  const provider = tx.provider?.name ?? '–';
  const amount = money(tx.amount, locale);
  const busy = confirming.loading || sending.loading;
  const report = (
    kind: 'my.confirmed' | 'my.disputed',
    payload: {
      errors: readonly { message: string }[];
      budget?: { remaining: { amount: string; currency: string } } | null;
    },
  ) => {
    if (payload.errors.length > 0) {
      onDone(
        false,
        t('my.actionFailed', { message: payload.errors.map((e) => e.message).join(' ') }),
      );
    } else {
      onDone(
        true,
        t(kind, { provider, amount, remaining: money(payload.budget?.remaining, locale) }),
      );
    }
  };
  const fail = (e: unknown) =>
    onDone(false, t('my.actionFailed', { message: e instanceof Error ? e.message : String(e) }));
  const onConfirm = () => {
    confirm({ variables: { id: tx.id } })
      .then((r) => r.data && report('my.confirmed', r.data.confirmCharge))
      .catch(fail);
  };
  const onDispute = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setReasonError(t('my.disputeRequired'));
      document.getElementById(reasonId)?.focus();
      return;
    }
    dispute({ variables: { id: tx.id, reason: reason.trim() } })
      .then((r) => r.data && report('my.disputed', r.data.rejectCharge))
      .catch(fail);
  };
  return (
    <li className="my-item" data-testid="waiting-charge">
      <p className="my-item-text">
        <strong>{provider}</strong>
        {', '}
        {tx.serviceDate ? date(tx.serviceDate, locale) : date(tx.createdAt, locale)}
        {': '}
        <strong className="my-amount">{amount}</strong>
        {tx.description ? <span className="muted"> – {tx.description}</span> : null}
      </p>
      {disputing ? (
        <form className="my-dispute" onSubmit={onDispute} noValidate>
          <label htmlFor={reasonId}>{t('my.disputeReason')}</label>
          <span className="muted" id={`${reasonId}-hint`}>
            {t('my.disputeHint')}
          </span>
          <textarea
            id={reasonId}
            value={reason}
            rows={3}
            required
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={`${reasonId}-hint${reasonError ? ` ${reasonId}-error` : ''}`}
            onChange={(e) => {
              setReason(e.target.value);
              setReasonError(null);
            }}
          />
          {reasonError ? (
            <span id={`${reasonId}-error`} className="error-text">
              {reasonError}
            </span>
          ) : null}
          <div className="my-actions">
            <Button type="submit" disabled={busy}>
              {t('my.disputeSend')}
            </Button>
            <Button
              variant="secondary"
              onClick={() => {
                setDisputing(false);
                setReason('');
                setReasonError(null);
              }}
            >
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      ) : (
        <div className="my-actions">
          <Button
            disabled={busy}
            aria-label={t('my.confirmLabel', { provider, amount })}
            onClick={onConfirm}
          >
            {t('my.confirm')}
          </Button>
          <Button
            variant="secondary"
            disabled={busy}
            aria-label={t('my.disputeLabel', { provider, amount })}
            onClick={() => setDisputing(true)}
          >
            {t('my.dispute')}
          </Button>
        </div>
      )}
    </li>
  );
}
