import { type ReactNode } from 'react';
import { Heading } from 'suomifi-ui-components';
import { money, type MoneyValue } from '../../format';
import { useI18n } from '../../i18n';
import { ForecastTable } from './ForecastTable';
import { ReportDownloads } from './ReportDownloads';
import type { ReportData } from './report-query';
import { useReportText } from './report-text';
import { useServiceTypeName } from '../../components/catalogue';

/** One municipality's report: summary, forecast, downloads and the tables. */
export function MunicipalityReport({ report: r, name }: { report: ReportData; name: string }) {
  const { t, locale } = useI18n();
  const serviceName = useServiceTypeName();
  const rt = useReportText();
  const id = `report-${r.municipalityCode}-${r.year}`;
  const suppressed = t('reports.suppressed');
  /** A count: null means a small group, or a figure it could be worked out from ("suojattu"). */
  const count = (n: number | null | undefined, hidden = false) =>
    hidden || n === null || n === undefined ? suppressed : String(n);
  const amount = (m: MoneyValue | null | undefined, hidden: boolean) =>
    hidden || !m ? suppressed : money(m, locale);
  const pct = (x: number | null | undefined, hidden = false, scale = 100) =>
    hidden || x === null || x === undefined
      ? suppressed
      : `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(x * scale)} %`;
  /** The group's goal attainment beside its cost (from the plans subgraph), same suppression. */
  const groupAttainment = (g: ReportData['costsByGroup'][number]) => {
    const goals = r.goalsByGroup.find(
      (x) =>
        x.serviceType.code === g.serviceType?.code &&
        x.classLevel === g.classLevel &&
        x.individual === g.individual,
    );
    if (!goals || goals.suppressed) return suppressed;
    return goals.averageAttainment === null
      ? '–'
      : `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(goals.averageAttainment)} %`;
  };
  const costRow = (label: ReactNode, c: ReportData['totalCost']) => (
    <>
      <th scope="row">{label}</th>
      <td className="num">{count(c.clientCount, c.suppressed)}</td>
      <td className="num">{count(c.budgetCount, c.suppressed)}</td>
      <td className="num">{amount(c.granted, c.suppressed)}</td>
      <td className="num">{amount(c.paidOut, c.suppressed)}</td>
      <td className="num">{amount(c.spent, c.suppressed)}</td>
      <td className="num">{amount(c.pending, c.suppressed)}</td>
      <td className="num">{amount(c.lapsed, c.suppressed)}</td>
    </>
  );
  return (
    <section className="card report" aria-labelledby={id}>
      <Heading variant="h2" id={id}>
        {t('reports.municipality', { name, code: r.municipalityCode, year: r.year })}
      </Heading>
      <p className="muted">{t('reports.suppressionNote', { size: r.minGroupSize })}</p>

      <dl className="figures" data-testid="report-summary">
        <div className="figure">
          <dt>{t('reports.hbClients')}</dt>
          <dd data-report="hbClientCount">{count(r.hbClientCount)}</dd>
        </div>
        <div className="figure">
          <dt>{t('reports.allClients')}</dt>
          <dd data-report="clientCount">{count(r.clientCount)}</dd>
        </div>
        <div className="figure">
          <dt>{t('reports.hbShare')}</dt>
          <dd data-report="hbShare">{pct(r.hbShare)}</dd>
        </div>
        <div className="figure">
          <dt>{t('reports.totalSpent')}</dt>
          <dd data-report="totalSpent">{amount(r.totalCost.spent, r.totalCost.suppressed)}</dd>
        </div>
      </dl>

      <ForecastTable id={`${id}-forecast`} title={rt('forecast')} forecast={r.forecast} />

      <ReportDownloads municipalityCode={r.municipalityCode} year={r.year} />

      <Heading variant="h3" id={`${id}-costs`}>
        {t('reports.costs')}
      </Heading>
      <div className="table-scroll">
        <table className="table" aria-labelledby={`${id}-costs`}>
          <thead>
            <tr>
              <th scope="col">{t('reports.service')}</th>
              <th scope="col" className="num">
                {t('reports.clients')}
              </th>
              <th scope="col" className="num">
                {t('reports.budgets')}
              </th>
              <th scope="col" className="num">
                {t('budget.granted')}
              </th>
              <th scope="col" className="num">
                {t('budget.paidOut')}
              </th>
              <th scope="col" className="num">
                {t('budget.spent')}
              </th>
              <th scope="col" className="num">
                {t('budget.pending')}
              </th>
              <th scope="col" className="num">
                {t('reports.lapsed')}
              </th>
            </tr>
          </thead>
          <tbody>
            {r.costs.map((c, i) => (
              <tr key={c.serviceType?.code ?? i}>
                {costRow(c.serviceType ? serviceName(c.serviceType) : '–', c)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="total">{costRow(t('reports.total'), r.totalCost)}</tr>
          </tfoot>
        </table>
      </div>

      <Heading variant="h3" id={`${id}-groups`}>
        {rt('groups')}
      </Heading>
      {r.costsByGroup.length === 0 ? (
        <p>{t('reports.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table" aria-labelledby={`${id}-groups`}>
            <thead>
              <tr>
                <th scope="col">{t('reports.service')}</th>
                <th scope="col">{rt('group')}</th>
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
                  {t('budget.pending')}
                </th>
                <th scope="col" className="num">
                  {rt('groupGoals')}
                </th>
              </tr>
            </thead>
            <tbody>
              {r.costsByGroup.map((g, i) => (
                <tr key={`${g.serviceType?.code ?? ''}-${g.classLevel ?? i}`}>
                  <th scope="row">{g.serviceType ? serviceName(g.serviceType) : '–'}</th>
                  <td>
                    {g.classLevel !== null
                      ? rt('classLevel', { level: String(g.classLevel) })
                      : g.individual
                        ? rt('individual')
                        : rt('noClass')}
                  </td>
                  <td className="num">{count(g.clientCount, g.suppressed)}</td>
                  <td className="num">{amount(g.granted, g.suppressed)}</td>
                  <td className="num">{amount(g.spent, g.suppressed)}</td>
                  <td className="num">{amount(g.pending, g.suppressed)}</td>
                  <td className="num" data-report="groupAttainment">
                    {groupAttainment(g)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Heading variant="h3" id={`${id}-providers`}>
        {t('reports.providers')}
      </Heading>
      {r.providers.length === 0 ? (
        <p>{t('reports.empty')}</p>
      ) : (
        <table className="table" aria-labelledby={`${id}-providers`}>
          <thead>
            <tr>
              <th scope="col">{t('reports.provider')}</th>
              <th scope="col" className="num">
                {t('reports.clients')}
              </th>
              <th scope="col" className="num">
                {t('reports.charges')}
              </th>
              <th scope="col" className="num">
                {t('budget.spent')}
              </th>
              <th scope="col" className="num">
                {t('budget.pending')}
              </th>
            </tr>
          </thead>
          <tbody>
            {r.providers.map((p) => (
              <tr key={p.provider.id}>
                <th scope="row">{p.provider.name}</th>
                <td className="num">{count(p.clientCount, p.suppressed)}</td>
                <td className="num">{count(p.chargeCount, p.suppressed)}</td>
                <td className="num">{amount(p.spent, p.suppressed)}</td>
                <td className="num">{amount(p.pending, p.suppressed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <Heading variant="h3" id={`${id}-switches`}>
        {t('reports.switches')}
      </Heading>
      <p>
        {t('reports.switchCount', {
          count: count(r.providerSwitches.count, r.providerSwitches.suppressed),
          clients: count(r.providerSwitches.clientCount, r.providerSwitches.suppressed),
        })}
      </p>
      {r.providerSwitches.reasons.length ? (
        <table className="table" aria-labelledby={`${id}-switches`}>
          <thead>
            <tr>
              <th scope="col">{t('reports.reason')}</th>
              <th scope="col" className="num">
                {t('reports.count')}
              </th>
              <th scope="col" className="num">
                {t('reports.clients')}
              </th>
            </tr>
          </thead>
          <tbody>
            {r.providerSwitches.reasons.map((s, i) => (
              <tr key={s.reason ?? `other-${i}`}>
                <th scope="row">{s.reason ?? t('reports.otherReasons')}</th>
                <td className="num">{count(s.count)}</td>
                <td className="num">{count(s.clientCount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      <Heading variant="h3">{t('reports.goals')}</Heading>
      <dl className="details">
        <dt>{t('reports.planClients')}</dt>
        <dd>{count(r.goals.clientCount, r.goals.suppressed)}</dd>
        <dt>{t('reports.goalCount')}</dt>
        <dd>{count(r.goals.goalCount, r.goals.suppressed)}</dd>
        <dt>{t('reports.reviewCount')}</dt>
        <dd>{count(r.goals.reviewCount, r.goals.suppressed)}</dd>
        <dt>{t('reports.attainment')}</dt>
        <dd>{pct(r.goals.averageAttainment, r.goals.suppressed, 1)}</dd>
        <dt>{t('reports.overdue')}</dt>
        <dd>{pct(r.goals.overdueShare, r.goals.suppressed)}</dd>
      </dl>

      <Heading variant="h3" id={`${id}-feedback`}>
        {t('reports.feedback')}
      </Heading>
      {r.feedback.length === 0 ? (
        <p>{t('reports.empty')}</p>
      ) : (
        <table className="table" aria-labelledby={`${id}-feedback`}>
          <thead>
            <tr>
              <th scope="col">{t('reports.target')}</th>
              <th scope="col" className="num">
                {t('reports.count')}
              </th>
              <th scope="col" className="num">
                {t('reports.rating')}
              </th>
            </tr>
          </thead>
          <tbody>
            {r.feedback.map((f) => (
              <tr key={f.targetKind}>
                <th scope="row">{t(`feedbackTarget.${f.targetKind}`)}</th>
                <td className="num">{count(f.count, f.suppressed)}</td>
                <td className="num">
                  {f.suppressed || f.averageRating === null
                    ? suppressed
                    : new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(
                        f.averageRating,
                      )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <Heading variant="h3" id={`${id}-alerts`}>
        {t('reports.alerts')}
      </Heading>
      {r.alerts.length === 0 ? (
        <p>{t('reports.empty')}</p>
      ) : (
        <table className="table" aria-labelledby={`${id}-alerts`}>
          <thead>
            <tr>
              <th scope="col">{t('reports.alertKind')}</th>
              <th scope="col" className="num">
                {t('reports.count')}
              </th>
              <th scope="col" className="num">
                {t('reports.clients')}
              </th>
            </tr>
          </thead>
          <tbody>
            {r.alerts.map((a) => (
              <tr key={a.kind}>
                <th scope="row">{t(`alert.${a.kind}`)}</th>
                <td className="num">{count(a.count, a.suppressed)}</td>
                <td className="num">{count(a.clientCount, a.suppressed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
