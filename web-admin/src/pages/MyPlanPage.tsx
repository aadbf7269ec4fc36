import { useMutation, useQuery } from '@apollo/client';
import { useId, useState, type FormEvent } from 'react';
import { Button, Heading, InlineAlert } from 'suomifi-ui-components';
import { graphql } from '../gql';
import type { MyPlansQuery } from '../gql/graphql';
import { useI18n } from '../i18n';
import { date, money } from '../format';
import { Page } from '../components/Page';
import { QueryState, Select } from '../components/common';
import { useMutationForm } from '../components/useMutationForm';
import { useMyAccess } from '../components/MyAccess';
import { ProposalForm } from '../components/ProposalForm';
import { MyComplaints } from '../components/MyComplaints';
import { useServiceTypeName } from '../components/catalogue';
import { ChangeRequestForm } from './my/ChangeRequestForm';

const MyPlans = graphql(`
  query MyPlans($id: ID!) {
    client(id: $id) {
      id
      plans {
        id
        year
        version
        status
        supportNeeds
        practicalPlan
        acceptedAt
        changeRequests {
          id
          message
          requestedAt
        }
        goals {
          id
          description
          indicator
          nextReviewDue
          reviews {
            id
            reviewedAt
            attainment
            note
          }
        }
        allocations {
          id
          serviceType {
            code
            name
          }
          provider {
            id
            name
          }
          amount {
            amount
            currency
          }
        }
      }
    }
  }
`);

const Accept = graphql(`
  mutation MyAcceptPlan($planId: ID!) {
    acceptPlan(planId: $planId) {
      plan {
        id
        status
        acceptedAt
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

const SendFeedback = graphql(`
  mutation MySendFeedback($input: FeedbackInput!) {
    submitFeedback(input: $input) {
      feedback {
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

type Plan = NonNullable<MyPlansQuery['client']>['plans'][number];

/** The plan in plain words: what it says, goals and how they go; accept it; give feedback. */
export function MyPlanPage() {
  const { t } = useI18n();
  const { clientId, role, scopes, loading } = useMyAccess();
  return (
    <Page title={t('myPlan.title')}>
      {!clientId || loading ? (
        <p role="status">{t('common.loading')}</p>
      ) : scopes.includes('PLAN') ? (
        <MyPlanView clientId={clientId} isClient={role === 'CLIENT'} />
      ) : (
        <p className="plain-notice">{t('my.noPlanConsent')}</p>
      )}
    </Page>
  );
}

function MyPlanView({ clientId, isClient }: { clientId: string; isClient: boolean }) {
  const { t } = useI18n();
  const { data, loading, error } = useQuery(MyPlans, { variables: { id: clientId } });
  const plans = [...(data?.client?.plans ?? [])].filter((p) => p.status !== 'SUPERSEDED');
  // The newest of the newest year first: a draft waiting for her, or the plan in force.
  plans.sort((a, b) => b.year - a.year || b.version - a.version);
  const plan = plans[0];
  return (
    <QueryState loading={loading} error={error} hasData={!!data?.client}>
      {plan ? <PlanView plan={plan} isClient={isClient} /> : <p>{t('myPlan.none')}</p>}
      {/* The client, and a team member with her consent (this view needs it), may both. */}
      <FeedbackForm clientId={clientId} plan={plan ?? null} />
      <MyComplaints clientId={clientId} providers={providersOf(plan)} isClient={isClient} />
      <ProposalForm />
    </QueryState>
  );
}

function PlanView({ plan, isClient }: { plan: Plan; isClient: boolean }) {
  const { t, locale } = useI18n();
  const serviceName = useServiceTypeName();
  const [accept, accepting] = useMutation(Accept);
  const { result, submit } = useMutationForm();
  const onAccept = () =>
    void submit({
      run: async () => (await accept({ variables: { planId: plan.id } })).data?.acceptPlan,
      confirmation: () => t('myPlan.accepted'),
    });
  return (
    <section aria-labelledby="my-plan" className="card my-section">
      <Heading variant="h2" id="my-plan">
        {t('myPlan.heading', { year: plan.year, version: plan.version })}
      </Heading>
      <p className="plain-notice" data-testid="plan-status">
        {plan.status === 'ACCEPTED'
          ? t('myPlan.status.ACCEPTED', { date: date(plan.acceptedAt, locale) })
          : t(`myPlan.status.${plan.status}`)}
      </p>
      <div role="status">
        {result ? (
          <InlineAlert status={result.ok ? 'neutral' : 'error'}>{result.text}</InlineAlert>
        ) : null}
      </div>
      {plan.status === 'DRAFT' ? (
        isClient ? (
          <>
            <div className="my-actions">
              <Button disabled={accepting.loading} onClick={onAccept}>
                {t('myPlan.accept')}
              </Button>
            </div>
            <ChangeRequestForm plan={plan} />
          </>
        ) : (
          <p>{t('myPlan.onlyClient')}</p>
        )
      ) : null}
      <Heading variant="h3" as="h3">
        {t('myPlan.support')}
      </Heading>
      <p className="my-text">{plan.supportNeeds}</p>
      <Heading variant="h3" as="h3">
        {t('myPlan.practical')}
      </Heading>
      <p className="my-text">{plan.practicalPlan}</p>
      <Heading variant="h3" as="h3">
        {t('myPlan.goals')}
      </Heading>
      <ul className="my-list">
        {plan.goals.map((g) => {
          const last = [...g.reviews].sort((a, b) => b.reviewedAt.localeCompare(a.reviewedAt))[0];
          return (
            <li key={g.id} className="my-item">
              <p className="my-item-text">
                <strong>{g.description}</strong>
              </p>
              <p>
                {last
                  ? t('myPlan.goalReview', {
                      date: date(last.reviewedAt, locale),
                      attainment: last.attainment,
                    })
                  : t('myPlan.goalNoReview', { date: date(g.nextReviewDue, locale) })}
                {last?.note ? ` – ${last.note}` : ''}
              </p>
            </li>
          );
        })}
      </ul>
      <Heading variant="h3" as="h3">
        {t('myPlan.services')}
      </Heading>
      <ul className="my-list">
        {plan.allocations.map((a) => (
          <li key={a.id} className="my-item">
            {t('myPlan.allocation', {
              service: serviceName(a.serviceType),
              provider: a.provider?.name ?? t('myPlan.noProvider'),
              amount: money(a.amount, locale),
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The providers of the plan's allocations, by id: what feedback and complaints are about. */
function providersOf(plan: Plan | null | undefined): Map<string, string> {
  const providers = new Map<string, string>();
  for (const a of plan?.allocations ?? [])
    if (a.provider) providers.set(a.provider.id, a.provider.name);
  return providers;
}

function FeedbackForm({ clientId, plan }: { clientId: string; plan: Plan | null }) {
  const { t } = useI18n();
  const [target, setTarget] = useState('');
  const [rating, setRating] = useState(4);
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const { result, submit } = useMutationForm();
  const [send, sending] = useMutation(SendFeedback);
  const textId = useId();
  const providers = providersOf(plan);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const input = {
      clientId,
      rating,
      text: text.trim() || null,
      providerId: target || null,
      anonymous,
    };
    void submit({
      run: async () => (await send({ variables: { input } })).data?.submitFeedback,
      onSuccess: () => setText(''),
      confirmation: () => t('feedback.sent'),
    });
  };
  return (
    <section aria-labelledby="my-feedback" className="card my-section">
      <Heading variant="h2" id="my-feedback">
        {t('feedback.title')}
      </Heading>
      <form onSubmit={onSubmit} className="my-form">
        <Select
          label={t('feedback.target')}
          value={target}
          onChange={(e) => setTarget(e.target.value)}
        >
          <option value="">{t('feedback.targetCentre')}</option>
          {[...providers].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </Select>
        <fieldset className="my-rating">
          <legend>{t('feedback.rating')}</legend>
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className="my-choice">
              <input
                type="radio"
                name="rating"
                value={n}
                checked={rating === n}
                onChange={() => setRating(n)}
              />
              {t('feedback.ratingValue', { n })}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={textId}>{t('feedback.text')}</label>
          <textarea id={textId} rows={3} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <label className="my-choice">
          <input
            type="checkbox"
            checked={anonymous}
            onChange={(e) => setAnonymous(e.target.checked)}
          />
          {t('feedback.anonymous')}
        </label>
        <div role="status">
          {result ? (
            <InlineAlert status={result.ok ? 'neutral' : 'error'}>{result.text}</InlineAlert>
          ) : null}
        </div>
        <div className="my-actions">
          <Button type="submit" disabled={sending.loading}>
            {t('feedback.send')}
          </Button>
        </div>
      </form>
    </section>
  );
}
