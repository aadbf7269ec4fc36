import { useQuery } from '@apollo/client';
import { Heading } from 'suomifi-ui-components';
import { graphql } from '../../gql';
import { money, type MoneyValue } from '../../format';
import { useI18n } from '../../i18n';
import { QueryState } from '../../components/common';
import { ForecastTable } from './ForecastTable';
import { useReportText } from './report-text';

export const OrganiserReportQuery = graphql(`
  query OrganiserReportPage($year: Int!) {
    organiserReport(year: $year) {
      year
      minGroupSize
      organiser {
        id
        name
        nameSv
      }
      forecast {
        ...ReportForecastFields
      }
      totalCost {
        suppressed
        clientCount
        granted {
          amount
          currency
        }
        spent {
          amount
          currency
        }
        lapsed {
          amount
          currency
        }
      }
      municipalities {
        municipalityCode
        totalCost {
          suppressed
          clientCount
          granted {
            amount
            currency
          }
          spent {
            amount
            currency
          }
          lapsed {
            amount
            currency
          }
        }
      }
    }
    municipalities {
      code
      name
      nameSv
    }
  }
`);

/**
 * The organiser's own report (issue 18 item 3): the wellbeing services county's figures for the
 * whole area and by municipality, for staff whose token acts for the organiser. Every figure
 * follows the same small-group rules as the municipalities' reports ("suojattu").
 */
export function OrganiserReport({ year }: { year: number }) {
  const { t, locale, language } = useI18n();
  const rt = useReportText();
  const { data, loading, error } = useQuery(OrganiserReportQuery, { variables: { year } });
  const report = data?.organiserReport;
  const suppressed = t('reports.suppressed');
  const count = (n: number | null | undefined, hidden: boolean) =>
    hidden || n === null || n === undefined ? suppressed : String(n);
  const amount = (m: MoneyValue | null | undefined, hidden: boolean) =>
    hidden || !m ? suppressed : money(m, locale);
  const sv = language === 'sv';
  const organiserName = report
    ? ((sv ? report.organiser.nameSv : null) ?? report.organiser.name)
    : '';
  const municipalityName = (code: string) => {
    const m = data?.municipalities.find((x) => x.code === code);
    return (sv ? m?.nameSv : null) ?? m?.name ?? code;
  };
  type Cost = NonNullable<typeof report>['totalCost'];
  const cells = (c: Cost) => (
    <>
      <td className="num">{count(c.clientCount, c.suppressed)}</td>
      <td className="num">{amount(c.granted, c.suppressed)}</td>
      <td className="num">{amount(c.spent, c.suppressed)}</td>
      <td className="num">{amount(c.lapsed, c.suppressed)}</td>
    </>
  );
  const id = `organiser-report-${year}`;
  return (
    <QueryState loading={loading} error={error} hasData={!!report}>
      {report ? (
        <section className="card report" aria-labelledby={id} data-testid="organiser-report">
          <Heading variant="h2" id={id}>
            {`${organiserName} ${report.year}`}
          </Heading>
          <p className="muted">{t('reports.suppressionNote', { size: report.minGroupSize })}</p>
          <dl className="figures">
            <div className="figure">
              <dt>{rt('organiserClients')}</dt>
              <dd data-report="organiserClientCount">
                {count(report.totalCost.clientCount, report.totalCost.suppressed)}
              </dd>
            </div>
            <div className="figure">
              <dt>{t('reports.totalSpent')}</dt>
              <dd data-report="organiserSpent">
                {amount(report.totalCost.spent, report.totalCost.suppressed)}
              </dd>
            </div>
          </dl>
          <ForecastTable
            id={`${id}-forecast`}
            title={`${rt('forecast')}: ${organiserName}`}
            forecast={report.forecast}
          />
          <Heading variant="h3" id={`${id}-by-municipality`}>
            {rt('byMunicipality')}
          </Heading>
          <div className="table-scroll">
            <table className="table" aria-labelledby={`${id}-by-municipality`}>
              <thead>
                <tr>
                  <th scope="col">{rt('municipality')}</th>
                  <th scope="col" className="num">
                    {t('reports.clients')}
                  </th>
                  <th scope="col" className="num">
                    {t('budget.granted')}
                  </th>
                  <th scope="col" className="num">
                    {t('budget.spent')}
                  </th>
                  <th scope="col" className="num">
                    {t('reports.lapsed')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...report.municipalities]
                  .sort((a, b) =>
                    municipalityName(a.municipalityCode).localeCompare(
                      municipalityName(b.municipalityCode),
                      locale,
                    ),
                  )
                  .map((m) => (
                    <tr key={m.municipalityCode} data-municipality={m.municipalityCode}>
                      <th scope="row">{municipalityName(m.municipalityCode)}</th>
                      {cells(m.totalCost)}
                    </tr>
                  ))}
              </tbody>
              <tfoot>
                <tr className="total" data-municipality="total">
                  <th scope="row">{rt('organiserTotal', { name: organiserName })}</th>
                  {cells(report.totalCost)}
                </tr>
              </tfoot>
            </table>
          </div>
        </section>
      ) : null}
    </QueryState>
  );
}
