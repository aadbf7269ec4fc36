import { useQuery } from '@apollo/client';
import { Link, useParams } from 'react-router-dom';
import { Heading } from 'suomifi-ui-components';
import { Page } from '../components/Page';
import { QueryState } from '../components/common';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import { money } from '../format';
import { languageName, ServiceTypesQuery } from './CataloguePage';

const ProviderQuery = graphql(`
  query ProviderPage($id: ID!) {
    provider(id: $id) {
      id
      name
      businessId
      kind
      approvalStatus
      description
      email
      phone
      website
      languages
      accessibility
      municipalitiesServed {
        code
        name
        nameSv
      }
      offerings {
        id
        title
        description
        price {
          amount
          currency
        }
        priceUnit
        serviceType {
          code
        }
      }
    }
  }
`);

export function ProviderPage() {
  const { id = '' } = useParams();
  const { t, language, locale } = useI18n();
  const { data, loading, error } = useQuery(ProviderQuery, { variables: { id } });
  const p = data?.provider;
  // Names come from the budgets service; a code it does not know is shown as such.
  const serviceTypes = useQuery(ServiceTypesQuery);
  const serviceName = (code: string) =>
    serviceTypes.data?.serviceTypes.find((s) => s.code === code)?.name ?? code;
  const mName = (m: { name: string; nameSv: string | null }) =>
    language === 'sv' && m.nameSv ? m.nameSv : m.name;
  return (
    <Page title={p?.name ?? t('catalogue.title')}>
      <p>
        <Link to="/providers">{t('catalogue.back')}</Link>
      </p>
      <QueryState loading={loading} error={error} hasData={data !== undefined} optional>
        {!p ? (
          <p>{t('catalogue.notFound')}</p>
        ) : (
          <>
            <section className="card" aria-labelledby="provider-about">
              <Heading variant="h2" id="provider-about">
                {t(`kind.${p.kind}`)}
              </Heading>
              <p>{p.description}</p>
              <dl className="details">
                <dt>{t('catalogue.businessId')}</dt>
                <dd>{p.businessId}</dd>
                <dt>{t('catalogue.approval')}</dt>
                <dd>{t(`approval.${p.approvalStatus}`)}</dd>
                <dt>{t('catalogue.served')}</dt>
                <dd>{p.municipalitiesServed.map(mName).join(', ') || '–'}</dd>
                <dt>{t('catalogue.languages')}</dt>
                <dd>{p.languages.map((l) => languageName(l, locale)).join(', ') || '–'}</dd>
                <dt>{t('catalogue.accessibility')}</dt>
                <dd>{p.accessibility.join(', ') || '–'}</dd>
                <dt>{t('catalogue.contact')}</dt>
                <dd>
                  {[p.email, p.phone].filter(Boolean).join(', ') || '–'}
                  {p.website ? (
                    <>
                      {' '}
                      <a href={p.website} rel="noopener noreferrer">
                        {p.website}
                      </a>
                    </>
                  ) : null}
                </dd>
              </dl>
            </section>
            <section className="card" aria-labelledby="provider-offerings">
              <Heading variant="h2" id="provider-offerings">
                {t('catalogue.offerings')}
              </Heading>
              <table className="table">
                <caption className="visually-hidden">{t('catalogue.offerings')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('catalogue.offerings')}</th>
                    <th scope="col">{t('catalogue.serviceType')}</th>
                    <th scope="col" className="num">
                      {t('budget.amount')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {p.offerings.map((o) => (
                    <tr key={o.id}>
                      <th scope="row">
                        {o.title}
                        <br />
                        <span className="muted">{o.description}</span>
                      </th>
                      <td>{serviceName(o.serviceType.code)}</td>
                      <td className="num">
                        {t('catalogue.perUnit', {
                          price: money(o.price, locale),
                          unit: t(`unit.${o.priceUnit}`),
                        })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </>
        )}
      </QueryState>
    </Page>
  );
}
