import { ProviderQualityTable } from '../components/ProviderQualityTable';
import { useQuery } from '@apollo/client';
import { Fragment, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button } from 'suomifi-ui-components';
import { Page } from '../components/Page';
import { QueryState, TextField } from '../components/common';
import { useI18n } from '../i18n';
import { ForecastTable } from './reports/ForecastTable';
import { MunicipalityReport } from './reports/MunicipalityReport';
import { ReportQuery } from './reports/report-query';
import { useReportText } from './reports/report-text';
import { OrganiserReport } from './reports/OrganiserReport';
import { useAuth } from '../auth';

/**
 * Organiser staff: the yearly report of each municipality they serve. Staff acting for an
 * organiser (a wellbeing services county) first see its report for the whole area by
 * municipality, then the detailed reports of the municipalities that have HB clients.
 */
export function ReportsPage() {
  const { t } = useI18n();
  const { session } = useAuth();
  const organiserId = session?.organiserId;
  const rt = useReportText();
  const [params, setParams] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const year = Number(params.get('year')) || thisYear;
  const [yearText, setYearText] = useState(String(year));
  const [yearError, setYearError] = useState<string | undefined>();
  const { data, loading, error } = useQuery(ReportQuery, { variables: { year } });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const y = Number(yearText);
    if (!/^\d{4}$/.test(yearText.trim()) || y < 2000 || y > 2100) {
      setYearError(t('reports.yearInvalid'));
      return;
    }
    setYearError(undefined);
    setParams({ year: String(y) });
  }

  const all = data?.reports ?? [];
  // For a whole county, the details of 23 municipalities would bury the few with clients.
  const reports = organiserId
    ? all.filter((r) => r.totalCost.suppressed || (r.totalCost.clientCount ?? 0) > 0)
    : all;
  return (
    <Page title={t('reports.title')} lead={t('reports.intro')}>
      <form onSubmit={onSubmit} className="form inline" noValidate role="search">
        <TextField
          label={t('reports.year')}
          value={yearText}
          inputMode="numeric"
          onChange={(e) => setYearText(e.target.value)}
          error={yearError}
        />
        <Button type="submit">{t('reports.show')}</Button>
      </form>
      {organiserId ? <OrganiserReport year={year} /> : null}
      <QueryState loading={loading} error={error} hasData={!!data?.reports}>
        {reports.length === 0 ? <p>{t('reports.none', { year })}</p> : null}
        {reports.length > 1 && !organiserId ? (
          <ForecastTable
            id="report-forecast-all"
            title={`${rt('forecast')}: ${rt('forecastAll')}`}
            forecast={data?.reportsForecast}
          />
        ) : null}
        {reports.map((r) => (
          <Fragment key={r.municipalityCode}>
            <MunicipalityReport
              report={r}
              name={data?.municipalities.find((m) => m.code === r.municipalityCode)?.name ?? ''}
            />
            <ProviderQualityTable municipalityCode={r.municipalityCode} year={year} />
          </Fragment>
        ))}
      </QueryState>
    </Page>
  );
}
