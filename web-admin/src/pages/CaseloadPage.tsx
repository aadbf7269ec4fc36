import { useQuery, useSubscription } from '@apollo/client';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Page } from '../components/Page';
import { LiveAnnouncement, QueryState, Select } from '../components/common';
import { graphql } from '../gql';
import type { CaseloadOrder } from '../gql/graphql';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { CursorPager } from '../components/CursorPager';

const CaseloadQuery = graphql(`
  query Caseload($orderBy: CaseloadOrder, $first: Int, $after: String, $filter: CaseloadFilter) {
    caseload(orderBy: $orderBy, first: $first, after: $after, filter: $filter) {
      totalCount
      waitingDays
      counts {
        clients
        waitingConfirmation
        withOpenAlerts
        useAhead
        useBehind
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          client {
            id
            firstName
            lastName
            processPhase
            plans {
              id
              version
              status
              goals {
                id
                overdue
              }
            }
          }
          openAlerts {
            kind
            count
          }
          openAlertCount
          waitingCharges
          usedShare
          elapsedShare
        }
      }
    }
  }
`);

const CaseloadChanged = graphql(`
  subscription CaseloadBudgetChanged($clientId: ID!) {
    budgetChanged(clientId: $clientId) {
      sequence
    }
  }
`);

const ORDERS: readonly CaseloadOrder[] = [
  'WAITING_CHARGES',
  'OPEN_ALERTS',
  'USE_AHEAD',
  'USE_BEHIND',
  'PLANS_WAITING',
  'OVERDUE_REVIEWS',
];

/**
 * Ten at a time: each row follows its client's budget live, and the gateway allows twenty
 * subscriptions per connection.
 */
const PAGE_SIZE = 10;

/** One client's live budget: any change refetches the page (its order may change too). */
function FollowClient({ clientId, onChange }: { clientId: string; onChange: () => void }) {
  useSubscription(CaseloadChanged, { variables: { clientId }, onData: onChange });
  return null;
}

interface Plan {
  version: number;
  status: string;
  goals: ReadonlyArray<{ overdue: boolean }>;
}

/** The plan's state as the caseload shows it: waiting for acceptance, overdue reviews, fine. */
function planState(plans: readonly Plan[]): { key: MessageKey; count?: number } {
  const latest = [...plans].sort((a, b) => b.version - a.version)[0];
  if (!latest) return { key: 'caseload.noPlan' };
  if (latest.status === 'DRAFT') return { key: 'caseload.planDraft' };
  const inForce = plans.find((p) => p.status === 'ACCEPTED');
  const overdue = inForce?.goals.filter((g) => g.overdue).length ?? 0;
  return overdue > 0 ? { key: 'caseload.planOverdue', count: overdue } : { key: 'caseload.planOk' };
}

/** The caseload (asiakaslista): the landing page of HB advisers and own workers. */
export function CaseloadPage() {
  const { t, locale } = useI18n();
  const [orderBy, setOrderBy] = useState<CaseloadOrder>('WAITING_CHARGES' as CaseloadOrder);
  const [onlyWaiting, setOnlyWaiting] = useState(false);
  const [onlyAlerts, setOnlyAlerts] = useState(false);
  const [onlyPlanWaiting, setOnlyPlanWaiting] = useState(false);
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [announcement, setAnnouncement] = useState('');
  const after = cursors[cursors.length - 1] ?? null;
  const { data, loading, error, refetch } = useQuery(CaseloadQuery, {
    variables: {
      orderBy,
      first: PAGE_SIZE,
      after,
      filter: {
        ...(onlyWaiting ? { hasWaitingCharges: true } : {}),
        ...(onlyAlerts ? { hasOpenAlerts: true } : {}),
        ...(onlyPlanWaiting ? { hasPlanWaiting: true } : {}),
        ...(onlyOverdue ? { hasOverdueReviews: true } : {}),
      },
    },
  });
  const count = (key: MessageKey, n: number) => t(key, { count: n });
  const percent = (share: number) =>
    new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
  const caseload = data?.caseload;
  const restart = () => setCursors([null]);

  return (
    <Page title={t('caseload.title')}>
      <LiveAnnouncement text={announcement} />
      {caseload ? (
        <>
          <p className="muted">{t('caseload.lead', { days: caseload.waitingDays })}</p>
          <ul className="caseload-counts" aria-label={t('caseload.title')}>
            <li data-count="waiting">
              {count('caseload.waiting', caseload.counts.waitingConfirmation)}
            </li>
            <li data-count="alerts">{count('caseload.alerts', caseload.counts.withOpenAlerts)}</li>
            <li data-count="behind">{count('caseload.behind', caseload.counts.useBehind)}</li>
            <li data-count="ahead">{count('caseload.ahead', caseload.counts.useAhead)}</li>
          </ul>
        </>
      ) : null}
      <form className="form filters" onSubmit={(e) => e.preventDefault()}>
        <Select
          label={t('caseload.order')}
          value={orderBy}
          onChange={(e) => {
            setOrderBy(e.target.value as CaseloadOrder);
            restart();
          }}
          name="orderBy"
        >
          {ORDERS.map((o) => (
            <option key={o} value={o}>
              {t(`caseload.order.${o}` as MessageKey)}
            </option>
          ))}
        </Select>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={onlyWaiting}
            onChange={(e) => {
              setOnlyWaiting(e.target.checked);
              restart();
            }}
          />{' '}
          {t('caseload.onlyWaiting')}
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={onlyAlerts}
            onChange={(e) => {
              setOnlyAlerts(e.target.checked);
              restart();
            }}
          />{' '}
          {t('caseload.onlyAlerts')}
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={onlyPlanWaiting}
            onChange={(e) => {
              setOnlyPlanWaiting(e.target.checked);
              restart();
            }}
          />{' '}
          {t('caseload.onlyPlanWaiting')}
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={onlyOverdue}
            onChange={(e) => {
              setOnlyOverdue(e.target.checked);
              restart();
            }}
          />{' '}
          {t('caseload.onlyOverdue')}
        </label>
      </form>
      <QueryState
        loading={loading}
        error={error}
        hasData={!!caseload}
        onRetry={() => void refetch()}
      >
        {caseload ? (
          <>
            <p role="status" className="result-count">
              {count('caseload.total', caseload.totalCount)}
            </p>
            {caseload.edges.length === 0 ? (
              <p>{t('caseload.empty')}</p>
            ) : (
              <div className="table-scroll">
                <table className="table caseload">
                  <caption className="visually-hidden">{t('caseload.title')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('caseload.client')}</th>
                      <th scope="col">{t('caseload.waitingCharges')}</th>
                      <th scope="col">{t('caseload.openAlerts')}</th>
                      <th scope="col">{t('caseload.use')}</th>
                      <th scope="col">{t('caseload.plan')}</th>
                      <th scope="col">{t('caseload.phase')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {caseload.edges.map(({ node }) => {
                      const plan = planState(node.client.plans);
                      return (
                        <tr key={node.client.id} data-client={node.client.id}>
                          <th scope="row">
                            <FollowClient
                              clientId={node.client.id}
                              onChange={() => {
                                setAnnouncement(t('caseload.updated'));
                                void refetch();
                              }}
                            />
                            <Link to={`/clients/${node.client.id}`}>
                              {node.client.lastName}, {node.client.firstName}
                            </Link>
                          </th>
                          <td data-figure="waiting">{node.waitingCharges}</td>
                          <td data-figure="alerts">
                            {node.openAlerts
                              .map(
                                (a) =>
                                  `${t(`alertKind.${a.kind}` as MessageKey)}${a.count > 1 ? ` ×${a.count}` : ''}`,
                              )
                              .join(', ') || '0'}
                          </td>
                          <td data-figure="use">
                            {percent(node.usedShare)} / {percent(node.elapsedShare)}
                          </td>
                          <td data-figure="plan">
                            {t(plan.key, plan.count === undefined ? {} : { count: plan.count })}
                          </td>
                          <td>{t(`phase.${node.client.processPhase}` as MessageKey)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
            <CursorPager
              label={t('caseload.pagination')}
              cursors={cursors}
              setCursors={setCursors}
              pageInfo={caseload.pageInfo}
            />
          </>
        ) : null}
      </QueryState>
    </Page>
  );
}
