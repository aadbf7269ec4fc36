import { useMutation, useQuery } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Button, Heading, TextInput, Textarea } from 'suomifi-ui-components';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import { date, dateTime, euros, money, parseEuroInput } from '../format';
import { AllocationsForm } from './AllocationsForm';
import { PlanCommitments } from './PlanCommitments';
import { FormErrors, QueryState, Select, splitErrors, type UserError } from './common';

const PlansQuery = graphql(`
  query ClientPlans($id: ID!) {
    client(id: $id) {
      id
      plans {
        id
        year
        version
        status
        acceptedAt
        createdAt
      }
    }
  }
`);

const PlanQuery = graphql(`
  query PlanDetail($id: ID!) {
    plan(id: $id) {
      id
      year
      version
      status
      acceptedAt
      supportNeeds
      practicalPlan
      goals {
        id
        description
        indicator
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

const ProviderChoices = graphql(`
  query ProviderChoices {
    providers(first: 50) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

const ReviewGoal = graphql(`
  mutation ReviewGoal($goalId: ID!, $input: GoalReviewInput!) {
    reviewGoal(goalId: $goalId, input: $input) {
      plan {
        id
        goals {
          id
          nextReviewDue
          overdue
          reviews {
            id
            reviewedAt
            attainment
            note
          }
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

const SwitchProvider = graphql(`
  mutation SwitchProvider($allocationId: ID!, $providerId: ID!, $reason: String!) {
    switchProvider(allocationId: $allocationId, providerId: $providerId, reason: $reason) {
      plan {
        id
        allocations {
          id
          provider {
            id
            name
          }
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

function failure(err: unknown): UserError[] {
  return [
    {
      code: 'REQUEST_FAILED',
      message: err instanceof Error ? err.message : String(err),
      field: null,
    },
  ];
}

export function PlanSection({
  clientId,
  municipalityCode,
}: {
  clientId: string;
  municipalityCode?: string;
}) {
  const { t, locale } = useI18n();
  const { data, loading, error } = useQuery(PlansQuery, { variables: { id: clientId } });
  const plans = [...(data?.client?.plans ?? [])].sort(
    (a, b) => b.year - a.year || b.version - a.version,
  );
  const [chosen, setChosen] = useState<string | null>(null);
  // Kept here: saving allocations of an accepted plan makes a new version, whose detail loads
  // anew, and the confirmation must survive that.
  const [saved, setSaved] = useState<string | null>(null);
  const current =
    plans.find((p) => p.id === chosen) ?? plans.find((p) => p.status !== 'SUPERSEDED') ?? plans[0];
  return (
    <section aria-labelledby="plan-heading" className="card">
      <Heading variant="h2" id="plan-heading">
        {t('plan.title')}
      </Heading>
      <QueryState loading={loading} error={error} hasData={!!data?.client} optional>
        {plans.length === 0 ? (
          <p>{t('plan.none')}</p>
        ) : (
          <>
            <Heading variant="h3">{t('plan.versions')}</Heading>
            <table className="table">
              <caption className="visually-hidden">{t('plan.versions')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('calc.year')}</th>
                  <th scope="col">{t('plan.versions')}</th>
                  <th scope="col">{t('plan.status')}</th>
                  <th scope="col">{t('plan.acceptedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {plans.map((p) => (
                  <tr key={p.id} aria-current={p.id === current?.id ? 'true' : undefined}>
                    <td>{p.year}</td>
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        aria-pressed={p.id === current?.id}
                        onClick={() => setChosen(p.id)}
                      >
                        {t('plan.version', { version: p.version })} ({p.year})
                      </button>
                    </td>
                    <td>{t(`planStatus.${p.status}`)}</td>
                    <td>{dateTime(p.acceptedAt, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p role="status" className={saved ? 'notice' : 'visually-hidden'}>
              {saved ?? ''}
            </p>
            {current ? (
              <PlanDetail
                planId={current.id}
                clientId={clientId}
                municipalityCode={municipalityCode}
                onSaved={setSaved}
              />
            ) : null}
          </>
        )}
      </QueryState>
    </section>
  );
}

function PlanDetail({
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
  const { data, loading, error } = useQuery(PlanQuery, { variables: { id: planId } });
  const plan = data?.plan;
  return (
    <QueryState loading={loading} error={error} hasData={!!plan} optional>
      {plan ? (
        <article aria-labelledby={`plan-${plan.id}`}>
          <Heading variant="h3" id={`plan-${plan.id}`}>
            {t('plan.version', { version: plan.version })} · {plan.year} ·{' '}
            {t(`planStatus.${plan.status}`)}
          </Heading>
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
            <GoalView key={g.id} goal={g} canReview={plan.status !== 'SUPERSEDED'} />
          ))}
          <Allocations
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

interface GoalData {
  id: string;
  description: string;
  indicator: string | null;
  nextReviewDue: string | null;
  overdue: boolean;
  reviews: Array<{ id: string; reviewedAt: string; attainment: number; note: string | null }>;
}

function GoalView({ goal, canReview }: { goal: GoalData; canReview: boolean }) {
  const { t, locale } = useI18n();
  const [attainment, setAttainment] = useState('');
  const [note, setNote] = useState('');
  const [reviewedAt, setReviewedAt] = useState(new Date().toISOString().slice(0, 10));
  const [errors, setErrors] = useState<UserError[]>([]);
  const [review, { loading }] = useMutation(ReviewGoal);
  const { fields, other } = splitErrors(errors);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const n = Number(attainment);
    if (!/^\d+$/.test(attainment.trim()) || n > 100) {
      setErrors([
        { code: 'VALIDATION', message: `${t('plan.attainment')}: 0–100`, field: 'attainment' },
      ]);
      return;
    }
    try {
      const res = await review({
        variables: { goalId: goal.id, input: { attainment: n, note: note || null, reviewedAt } },
      });
      const errs = res.data?.reviewGoal.errors ?? [];
      setErrors(errs);
      if (errs.length === 0) {
        setAttainment('');
        setNote('');
      }
    } catch (err) {
      setErrors(failure(err));
    }
  }

  return (
    <div className="goal card">
      <p>
        <strong>{goal.description}</strong>
      </p>
      {goal.indicator ? (
        <p>
          {t('plan.indicator')}: {goal.indicator}
        </p>
      ) : null}
      {goal.nextReviewDue ? (
        <p className={goal.overdue ? 'over' : 'muted'}>
          {t('plan.nextReview', { date: date(goal.nextReviewDue, locale) })}
          {goal.overdue ? ` – ${t('plan.overdue')}` : ''}
        </p>
      ) : null}
      {goal.reviews.length ? (
        <table className="table">
          <caption className="visually-hidden">{t('plan.reviews')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('budget.date')}</th>
              <th scope="col" className="num">
                {t('plan.attainment')}
              </th>
              <th scope="col">{t('plan.note')}</th>
            </tr>
          </thead>
          <tbody>
            {goal.reviews.map((r) => (
              <tr key={r.id}>
                <td>{date(r.reviewedAt, locale)}</td>
                <td className="num">{r.attainment} %</td>
                <td>{r.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {canReview ? (
        <form
          onSubmit={onSubmit}
          className="form inline"
          noValidate
          aria-label={`${t('plan.review')}: ${goal.description}`}
        >
          <FormErrors errors={other.map((message) => ({ code: '', message, field: null }))} />
          <TextInput
            labelText={t('plan.attainment')}
            value={attainment}
            onChange={(v) => setAttainment(String(v ?? ''))}
            inputMode="numeric"
            status={fields.attainment ? 'error' : 'default'}
            statusText={fields.attainment}
          />
          <div className={`field${fields.reviewedAt ? ' field-error' : ''}`}>
            <label htmlFor={`review-date-${goal.id}`}>{t('budget.date')}</label>
            <input
              id={`review-date-${goal.id}`}
              type="date"
              value={reviewedAt}
              onChange={(e) => setReviewedAt(e.target.value)}
            />
            {fields.reviewedAt ? <span className="error-text">{fields.reviewedAt}</span> : null}
          </div>
          <TextInput
            labelText={t('plan.note')}
            optionalText={t('common.optional')}
            value={note}
            onChange={(v) => setNote(String(v ?? ''))}
            status={fields.note ? 'error' : 'default'}
            statusText={fields.note}
          />
          <Button type="submit" disabled={loading}>
            {t('plan.review')}
          </Button>
        </form>
      ) : null}
    </div>
  );
}

interface PlanData {
  id: string;
  year: number;
  status: string;
  allocations: Array<{
    id: string;
    description: string;
    discretionaryReason: string | null;
    amount: { amount: string; currency: string };
    provider: { id: string; name: string } | null;
    offering: { id: string; title: string } | null;
    budget: { id: string; year: number; granted: { amount: string; currency: string } };
  }>;
}

function Allocations({
  plan,
  locale,
  clientId,
  municipalityCode,
  onSaved,
}: {
  plan: PlanData;
  locale: string;
  clientId: string;
  municipalityCode?: string | undefined;
  onSaved: (message: string | null) => void;
}) {
  const { t } = useI18n();
  const [switching, setSwitching] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const granted = [
    ...new Map(
      plan.allocations.map((a) => [a.budget.id, Number(a.budget.granted.amount)]),
    ).values(),
  ].reduce((s, x) => s + x, 0);
  let running = 0;
  const rows = plan.allocations.map((a) => {
    running += Number(a.amount.amount);
    return { a, running };
  });
  const total = running;
  return (
    <>
      <Heading variant="h4" as="h4">
        {t('plan.allocations')}
      </Heading>
      {plan.allocations.length === 0 ? (
        <p>{t('plan.noAllocations')}</p>
      ) : (
        <>
          <table className="table">
            <caption className="visually-hidden">{t('plan.allocations')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plan.allocation')}</th>
                <th scope="col">{t('budget.provider')}</th>
                <th scope="col" className="num">
                  {t('budget.amount')}
                </th>
                <th scope="col" className="num">
                  {t('plan.runningSum')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('plan.switch')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ a, running: sum }) => (
                <tr key={a.id}>
                  <th scope="row">
                    {a.description}
                    {a.offering ? <span className="muted"> ({a.offering.title})</span> : null}
                  </th>
                  <td>{a.provider?.name ?? '–'}</td>
                  <td className="num">{money(a.amount, locale)}</td>
                  <td className={`num${granted > 0 && sum > granted ? ' over' : ''}`}>
                    {euros(sum, locale)}
                  </td>
                  <td>
                    {plan.status !== 'SUPERSEDED' ? (
                      <Button
                        variant="secondaryNoBorder"
                        aria-expanded={switching === a.id}
                        aria-label={t('plan.switchFor', { name: a.description })}
                        onClick={() => setSwitching(switching === a.id ? null : a.id)}
                      >
                        {t('plan.switch')}
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className={total > granted ? 'over' : ''}>
            {t('plan.allocated', {
              allocated: euros(total, locale),
              granted: euros(granted, locale),
            })}
            {total > granted ? ` ${t('plan.overAllocated')}` : ''}
          </p>
        </>
      )}
      {plan.status !== 'SUPERSEDED' ? (
        editing ? (
          <AllocationsForm
            planId={plan.id}
            clientId={clientId}
            year={plan.year}
            municipalityCode={municipalityCode}
            existing={plan.allocations}
            onSaved={(version) => {
              setEditing(false);
              onSaved(t('alloc.saved', { version }));
            }}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <p>
            <Button
              variant="secondary"
              onClick={() => {
                onSaved(null);
                setEditing(true);
              }}
            >
              {t('alloc.edit')}
            </Button>
          </p>
        )
      ) : null}
      {switching ? (
        <SwitchForm
          allocationId={switching}
          name={plan.allocations.find((a) => a.id === switching)?.description ?? ''}
          onDone={() => setSwitching(null)}
        />
      ) : null}
    </>
  );
}

function SwitchForm({
  allocationId,
  name,
  onDone,
}: {
  allocationId: string;
  name: string;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const providers = useQuery(ProviderChoices);
  const [providerId, setProviderId] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<UserError[]>([]);
  const [mutate, { loading }] = useMutation(SwitchProvider);
  const { fields, other } = splitErrors(errors);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    try {
      const res = await mutate({ variables: { allocationId, providerId, reason } });
      const errs = res.data?.switchProvider.errors ?? [];
      setErrors(errs);
      if (errs.length === 0) onDone();
    } catch (err) {
      setErrors(failure(err));
    }
  }
  return (
    <form onSubmit={onSubmit} className="form grid" noValidate aria-labelledby="switch-heading">
      <Heading variant="h4" as="h5" id="switch-heading">
        {t('plan.switchFor', { name })}
      </Heading>
      <FormErrors errors={other.map((message) => ({ code: '', message, field: null }))} />
      <Select
        label={t('plan.newProvider')}
        value={providerId}
        onChange={(e) => setProviderId(e.target.value)}
        error={fields.providerId}
      >
        <option value="">–</option>
        {(providers.data?.providers.edges ?? []).map(({ node }) => (
          <option key={node.id} value={node.id}>
            {node.name}
          </option>
        ))}
      </Select>
      <Textarea
        labelText={t('plan.reason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        status={fields.reason ? 'error' : 'default'}
        statusText={fields.reason}
        fullWidth
      />
      <div className="form-actions">
        <Button type="submit" disabled={loading}>
          {t('plan.switch')}
        </Button>{' '}
        <Button variant="secondary" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
