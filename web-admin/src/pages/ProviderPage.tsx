import { useQuery } from '@apollo/client';
import { Link, useParams } from 'react-router-dom';
import { Page } from '../components/Page';
import { QueryState } from '../components/common';
import { ProviderDetails } from '../components/ProviderDetails';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import { useServiceTypeName } from '../components/catalogue';

export const ProviderQuery = graphql(`
  query ProviderPage($id: ID!) {
    provider(id: $id) {
      ...ProviderDetails
      businessId
    }
  }
`);

/** A provider's public page: no sign-in, contact details first. */
export function ProviderPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(ProviderQuery, { variables: { id } });
  const p = data?.provider;
  const serviceName = useServiceName();
  return (
    <Page title={p?.name ?? t('catalogue.title')}>
      <p>
        <Link to="/providers">{t('catalogue.back')}</Link>
      </p>
      <QueryState
        loading={loading}
        error={error}
        hasData={data !== undefined}
        optional
        onRetry={() => void refetch()}
      >
        {!p ? (
          <p>{t('catalogue.notFound')}</p>
        ) : (
          <section className="card">
            <p className="muted">
              {t(`kind.${p.kind}`)} · {t('catalogue.businessId')} {p.businessId}
            </p>
            <ProviderDetails provider={p} serviceName={serviceName} />
          </section>
        )}
      </QueryState>
    </Page>
  );
}

/** Service type names in the UI's language (see useServiceTypeName). */
export function useServiceName(): (code: string) => string {
  const name = useServiceTypeName();
  return (code: string) => name({ code });
}
