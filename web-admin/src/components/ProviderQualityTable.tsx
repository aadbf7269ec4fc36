import { useQuery } from '@apollo/client';
import { Heading } from 'suomifi-ui-components';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import { QueryState } from './common';

const ProviderQuality = graphql(`
  query ReportProviderQuality($municipalityCode: ID!, $year: Int!) {
    report(municipalityCode: $municipalityCode, year: $year) {
      municipalityCode
      year
      providerQuality {
        suppressed
        feedbackCount
        averageRating
        complaintCount
        provider {
          id
          name
        }
      }
    }
  }
`);

/** Quality per provider in a municipality's report: rating and complaints, small groups hidden. */
export function ProviderQualityTable({
  municipalityCode,
  year,
}: {
  municipalityCode: string;
  year: number;
}) {
  const { t, locale } = useI18n();
  const { data, loading, error } = useQuery(ProviderQuality, {
    variables: { municipalityCode, year },
  });
  const rows = data?.report?.providerQuality ?? [];
  const id = `quality-${municipalityCode}`;
  const shown = (n: number | null, digits = 0) =>
    n === null
      ? t('quality.suppressed')
      : n.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return (
    <section aria-labelledby={id} className="card">
      <Heading variant="h3" id={id}>
        {t('quality.title')}
      </Heading>
      <QueryState loading={loading} error={error} hasData={!!data?.report} optional>
        {rows.length === 0 ? (
          <p>{t('quality.none')}</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">{t('quality.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('quality.provider')}</th>
                <th scope="col" className="num">
                  {t('quality.rating')}
                </th>
                <th scope="col" className="num">
                  {t('quality.feedback')}
                </th>
                <th scope="col" className="num">
                  {t('quality.complaints')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.provider.id}>
                  <th scope="row">{r.provider.name}</th>
                  <td className="num">
                    {r.suppressed || r.averageRating === null
                      ? r.suppressed
                        ? t('quality.suppressed')
                        : '–'
                      : shown(r.averageRating, 2)}
                  </td>
                  <td className="num">{shown(r.feedbackCount)}</td>
                  <td className="num">{shown(r.complaintCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="muted">{t('quality.note')}</p>
      </QueryState>
    </section>
  );
}
