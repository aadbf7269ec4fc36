import { useMutation, useQuery } from '@apollo/client';
import { useEffect, useState } from 'react';
import { Button, Heading } from 'suomifi-ui-components';
import { useAuth } from '../auth';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import { date, money } from '../format';
import { FormErrors, QueryState } from './common';
import { useMutationForm } from './useMutationForm';

const BudgetCommitments = graphql(`
  query BudgetCommitments($id: ID!) {
    budget(id: $id) {
      id
      year
      committed {
        amount
        currency
      }
      uncommitted {
        amount
        currency
      }
      commitments {
        id
        status
        payeeKind
        validFrom
        validTo
        allocationId
        provider {
          id
          name
        }
        amount {
          amount
          currency
        }
        charged {
          amount
          currency
        }
        remaining {
          amount
          currency
        }
      }
    }
  }
`);

const IssuePlanCommitments = graphql(`
  mutation IssuePlanCommitments($planId: ID!) {
    issuePlanCommitments(planId: $planId) {
      cancelledCount
      commitments {
        id
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

/**
 * For the client's own worker or HB adviser: issues payment commitments (maksusitoumukset) from
 * the accepted plan's allocations (again after a new version: kept, adjusted or cancelled to
 * match it). The budgets' commitment tables ({@link BudgetCommitmentsTable}) then refresh.
 */
export function PlanCommitments({
  planId,
  accepted,
  budgetIds,
}: {
  planId: string;
  accepted: boolean;
  budgetIds: string[];
}) {
  const { t } = useI18n();
  const { session } = useAuth();
  const staff = session?.role === 'ADVISER' || session?.role === 'WORKER';
  const [issue, { loading }] = useMutation(IssuePlanCommitments, {
    refetchQueries: ['BudgetCommitments'],
    awaitRefetchQueries: true,
  });
  const { errors, submit } = useMutationForm();
  const [done, setDone] = useState<string | null>(null);

  async function onIssue() {
    setDone(null);
    await submit({
      run: async () => (await issue({ variables: { planId } })).data?.issuePlanCommitments,
      onSuccess: (payload) =>
        setDone(
          t('commitments.issued', {
            count: String(payload.commitments.length),
            cancelled: String(payload.cancelledCount),
          }),
        ),
    });
  }

  if (!staff || !accepted || budgetIds.length === 0) return null;
  return (
    <>
      <Heading variant="h4" as="h4">
        {t('commitments.title')}
      </Heading>
      <p role="status" className={done ? 'notice' : 'visually-hidden'}>
        {done ?? ''}
      </p>
      <FormErrors errors={errors} />
      <p>
        <Button variant="secondary" disabled={loading} onClick={() => void onIssue()}>
          {t('commitments.issue')}
        </Button>
      </p>
    </>
  );
}

/** A budget's commitments with committed and uncommitted; refetched when `revision` moves. */
export function BudgetCommitmentsTable({
  budgetId,
  revision = 0,
}: {
  budgetId: string;
  revision?: number;
}) {
  const { t, locale } = useI18n();
  const { data, loading, error, refetch } = useQuery(BudgetCommitments, {
    variables: { id: budgetId },
  });
  useEffect(() => {
    if (revision > 0) void refetch();
  }, [revision, refetch]);
  const budget = data?.budget;
  return (
    <QueryState loading={loading} error={error} hasData={!!budget} optional>
      {budget ? (
        <>
          <p data-testid="commitment-figures">
            {t('commitments.figures', {
              year: String(budget.year),
              committed: money(budget.committed, locale),
              uncommitted: money(budget.uncommitted, locale),
            })}
          </p>
          {budget.commitments.length === 0 ? (
            <p>{t('commitments.none')}</p>
          ) : (
            <table className="table commitments">
              <caption className="visually-hidden">{t('commitments.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('commitments.payee')}</th>
                  <th scope="col">{t('commitments.validity')}</th>
                  <th scope="col" className="num">
                    {t('commitments.amount')}
                  </th>
                  <th scope="col" className="num">
                    {t('commitments.charged')}
                  </th>
                  <th scope="col" className="num">
                    {t('commitments.remaining')}
                  </th>
                  <th scope="col">{t('commitments.status')}</th>
                </tr>
              </thead>
              <tbody>
                {budget.commitments.map((c) => (
                  <tr key={c.id} data-commitment-status={c.status}>
                    <th scope="row">
                      {c.payeeKind === 'CLIENT'
                        ? t('commitments.clientPayee')
                        : (c.provider?.name ?? '–')}
                    </th>
                    <td>
                      {date(c.validFrom, locale)}–{date(c.validTo, locale)}
                    </td>
                    <td className="num">{money(c.amount, locale)}</td>
                    <td className="num">{money(c.charged, locale)}</td>
                    <td className="num">{money(c.remaining, locale)}</td>
                    <td>{t(`commitmentStatus.${c.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
    </QueryState>
  );
}
