import { useQuery } from '@apollo/client';
import { useState } from 'react';
import { Heading } from 'suomifi-ui-components';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import { dateTime } from '../format';
import { PlanDetail } from './PlanDetail';
import { PlanStart } from './PlanStart';
import { QueryState } from './common';

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
        sentAt
        needsRevision
        createdAt
      }
    }
  }
`);

/**
 * The client's implementation plan for staff: its versions, and the chosen one in detail
 * (PlanDetail), or a start from the client's proposal or blank when the year has none.
 */
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
  const year = new Date().getFullYear();
  const [chosen, setChosen] = useState<string | null>(null);
  // Kept here: a change of an accepted plan makes a new version, whose detail loads anew,
  // and the confirmation must survive that.
  const [saved, setSaved] = useState<string | null>(null);
  const current =
    plans.find((p) => p.id === chosen) ?? plans.find((p) => p.status !== 'SUPERSEDED') ?? plans[0];
  const onSaved = (message: string | null) => {
    // The newest version is the one to see after a change (a change of an accepted plan
    // makes a new draft version).
    if (message) setChosen(null);
    setSaved(message);
  };
  return (
    <section aria-labelledby="plan-heading" className="card">
      <Heading variant="h2" id="plan-heading">
        {t('plan.title')}
      </Heading>
      <p role="status" className={saved ? 'notice' : 'visually-hidden'}>
        {saved ?? ''}
      </p>
      <QueryState loading={loading} error={error} hasData={!!data?.client} optional>
        {plans.length === 0 ? <p>{t('plan.none')}</p> : null}
        {municipalityCode && !plans.some((p) => p.year === year) ? (
          <PlanStart
            clientId={clientId}
            municipalityCode={municipalityCode}
            year={year}
            onCreated={onSaved}
          />
        ) : null}
        {plans.length > 0 ? (
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
                    <td>
                      {t(`planStatus.${p.status}`)}
                      {p.needsRevision ? ` · ${t('planFlow.needsRevision')}` : ''}
                    </td>
                    <td>{dateTime(p.acceptedAt, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {current ? (
              <PlanDetail
                planId={current.id}
                clientId={clientId}
                municipalityCode={municipalityCode}
                onSaved={onSaved}
              />
            ) : null}
          </>
        ) : null}
      </QueryState>
    </section>
  );
}
