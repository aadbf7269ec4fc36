import { useQuery } from '@apollo/client';
import { Link, useSearchParams } from 'react-router-dom';
import { Heading } from 'suomifi-ui-components';
import { Page } from '../components/Page';
import { QueryState } from '../components/common';
import { ProviderDetails } from '../components/ProviderDetails';
import { useI18n } from '../i18n';
import { ProviderQuery, useServiceName } from './ProviderPage';

/** At most three providers side by side: more would not fit a phone or a reader's memory. */
export const MAX_COMPARED = 3;

/** Ids in the `ids` parameter, as chosen on the catalogue (uuids only, at most three). */
export function comparedIds(params: URLSearchParams): string[] {
  return [
    ...new Set(
      (params.get('ids') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => /^[0-9a-f-]{36}$/i.test(s)),
    ),
  ].slice(0, MAX_COMPARED);
}

/**
 * The compare view: the chosen providers in columns with the same sections in the same order
 * (columns stack on a phone). Public, like the catalogue.
 */
export function ComparePage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const ids = comparedIds(params);
  return (
    <Page title={t('catalogue.compareTitle')}>
      <p>
        <Link to={`/providers?cmp=${ids.join(',')}`}>{t('catalogue.back')}</Link>
      </p>
      {ids.length === 0 ? <p>{t('catalogue.compareNone')}</p> : null}
      <ul className="compare">
        {ids.map((id) => (
          <CompareColumn key={id} id={id} />
        ))}
      </ul>
    </Page>
  );
}

function CompareColumn({ id }: { id: string }) {
  const { t } = useI18n();
  const serviceName = useServiceName();
  const { data, loading, error, refetch } = useQuery(ProviderQuery, { variables: { id } });
  const p = data?.provider;
  return (
    <li className="card compare-column">
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
          <>
            <Heading variant="h2">
              <Link to={`/providers/${p.id}`}>{p.name}</Link>
            </Heading>
            <ProviderDetails provider={p} serviceName={serviceName} compact />
          </>
        )}
      </QueryState>
    </li>
  );
}
