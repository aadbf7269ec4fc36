import { useQuery } from '@apollo/client';
import { useEffect, useState } from 'react';
import { Button, Heading } from 'suomifi-ui-components';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import { GoalView } from './GoalView';
import { PlanActions } from './PlanActions';
import { PlanAllocations } from './PlanAllocations';
import { PlanChangeRequests } from './PlanChangeRequests';
import { PlanChanges } from './PlanChanges';
import { PlanCommitments } from './PlanCommitments';
import { PlanEditor } from './PlanEditor';
import { QueryState } from './common';

const PlanQuery = graphql(`
  query PlanDetail($id: ID!) {
    plan(id: $id) {
      id
      year
      version
      status
      acceptedAt
      acceptedOnBehalf
      acceptedReason
      sentAt
      supportNeeds
      practicalPlan
      needsRevision
      revisionFindings {
        reason
        subjectId
      }
      changes {
        area
        kind
        before
        after
      }
      goals {
        id
        description
        indicator
        reviewDates
        nextReviewDue
        overdue
        reviews {
          id
          reviewedAt
          attainment
          note
        }
      }
      participants {
        id
        name
        role
        responsibility
      }
      allocations {
        id
        description
        discretionaryReason
        amount {
          amount
          currency
        }
        provider {
          id
          name
        }
        offering {
          id
          title
        }
        budget {
          id
          year
          granted {
            amount
            currency
          }
        }
      }
    }
  }
`);

/**
 * One version of the plan for staff: its state and what to do next (send, accept on the
 * client's behalf), what changed against the previous version, whether it needs revision,
 * its contents and the distribution of the budget. A sent draft is polled, so the client's
 * acceptance in her own session shows here without a reload.
 */
export function PlanDetail({
  planId,
  clientId,
  municipalityCode,
  onSaved,
}: {
  planId: string;
  clientId: string;
  municipalityCode?: string | undefined;
  onSaved: (message: string | null) => void;
}) {
  const { t, locale } = useI18n();
  const [editing, setEditing] = useState(false);
  const { data, loading, error, startPolling, stopPolling } = useQuery(PlanQuery, {
    variables: { id: planId },
  });
  const plan = data?.plan;
  const waiting = plan?.status === 'DRAFT' && !!plan.sentAt;
  // Polling only while the client's answer is awaited.
  useEffect(() => {
    if (!waiting) return undefined;
    startPolling(4000);
    return () => stopPolling();
  }, [waiting, startPolling, stopPolling]);
  return (
    <QueryState loading={loading} error={error} hasData={!!plan} optional>
      {plan ? (
        <article aria-labelledby={`plan-${plan.id}`}>
          <Heading variant="h3" id={`plan-${plan.id}`}>
            {t('plan.version', { version: plan.version })} · {plan.year} ·{' '}
            {t(`planStatus.${plan.status}`)}
          </Heading>
          <PlanChanges plan={plan} />
          <PlanChangeRequests planId={plan.id} live={plan.status === 'DRAFT'} />
          <PlanActions plan={plan} onSaved={onSaved} />
          {editing ? (
            <PlanEditor
              mode={{ kind: 'edit', planId: plan.id }}
              initial={plan}
              onDone={(version) => {
                setEditing(false);
                if (version !== null) onSaved(t('planFlow.saved', { version }));
              }}
            />
          ) : (
            <>
              <dl className="details">
                <dt>{t('plan.supportNeeds')}</dt>
                <dd>{plan.supportNeeds || '–'}</dd>
                <dt>{t('plan.practicalPlan')}</dt>
                <dd>{plan.practicalPlan || '–'}</dd>
              </dl>
              <Heading variant="h4" as="h4">
                {t('plan.participants')}
              </Heading>
              <ul>
                {plan.participants.map((p) => (
                  <li key={p.id}>
                    {p.name} ({t(`participant.${p.role}`)})
                    {p.responsibility ? `: ${p.responsibility}` : ''}
                  </li>
                ))}
              </ul>
              <Heading variant="h4" as="h4">
                {t('plan.goals')}
              </Heading>
              {plan.goals.map((g) => (
                <GoalView key={g.id} goal={g} canReview={plan.status === 'ACCEPTED'} />
              ))}
              {plan.status !== 'SUPERSEDED' ? (
                <p>
                  <Button
                    variant="secondary"
                    onClick={() => {
                      onSaved(null);
                      setEditing(true);
                    }}
                  >
                    {t('planFlow.edit')}
                  </Button>
                </p>
              ) : null}
            </>
          )}
          <PlanAllocations
            plan={plan}
            locale={locale}
            clientId={clientId}
            municipalityCode={municipalityCode}
            onSaved={onSaved}
          />
          <PlanCommitments
            planId={plan.id}
            accepted={plan.status === 'ACCEPTED'}
            budgetIds={[...new Set(plan.allocations.map((a) => a.budget.id))]}
          />
        </article>
      ) : null}
    </QueryState>
  );
}
