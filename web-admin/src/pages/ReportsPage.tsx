import { useQuery } from '@apollo/client';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Heading } from 'suomifi-ui-components';
import { useAuth } from '../auth';
import { Page } from '../components/Page';
import { QueryState, TextField } from '../components/common';
import { graphql } from '../gql';
import type { ReportPageQuery } from '../gql/graphql';
import { useI18n } from '../i18n';
import { money, type MoneyValue } from '../format';

const ReportQuery = graphql(`
  query ReportPage($year: Int!) {
    municipalities {
      code
      name
      nameSv
    }
    reports(year: $year) {
      municipalityCode
      year
      minGroupSize
      hbClientCount
      clientCount
      hbShare
      costs {
        serviceType {
          code
          name
        }
        suppressed
        clientCount
        budgetCount
        granted {
          amount
          currency
        }
        paidOut {
          amount
          currency
        }
        spent {
          amount
          currency
        }
        pending {
          amount
          currency
        }
        lapsed {
          amount
          currency
        }
      }
      totalCost {
        suppressed
        clientCount
        budgetCount
        granted {
          amount
          currency
        }
        paidOut {
          amount
          currency
        }
        spent {
          amount
          currency
        }
        pending {
          amount
          currency
        }
        lapsed {
          amount
          currency
        }
      }
      providers {
        provider {
          id
          name
        }
        suppressed
        clientCount
        chargeCount
        spent {
          amount
          currency
        }
        pending {
          amount
          currency
        }
      }
      providerSwitches {
        suppressed
        count
        clientCount
        reasons {
          reason
          suppressed
          count
          clientCount
        }
      }
      goals {
        suppressed
        clientCount
        goalCount
        reviewCount
        averageAttainment
        overdueShare
      }
      feedback {
        targetKind
        suppressed
        count
        averageRating
      }
      alerts {
        kind
        suppressed
        count
        clientCount
      }
    }
  }
`);

type ReportData = ReportPageQuery['reports'][number];

/** The CSV tables of `GET /reports/{municipalityCode}/{year}/{table}.csv` (gateway). */
const CSV_TABLES = ['costs', 'providers', 'switches', 'alerts', 'goals', 'feedback'] as const;
type CsvTable = (typeof CSV_TABLES)[number];

/** Organiser staff: the yearly report of each municipality they serve. */
export function ReportsPage() {
  const { t } = useI18n();
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

  const reports = data?.reports ?? [];
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
      <QueryState loading={loading} error={error} hasData={!!data?.reports}>
        {reports.length === 0 ? <p>{t('reports.none', { year })}</p> : null}
        {reports.map((r) => (
          <MunicipalityReport
            key={r.municipalityCode}
            report={r}
            name={data?.municipalities.find((m) => m.code === r.municipalityCode)?.name ?? ''}
          />
        ))}
      </QueryState>
    </Page>
  );
}

function MunicipalityReport({ report: r, name }: { report: ReportData; name: string }) {
  const { t, locale } = useI18n();
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

      <CsvDownloads municipalityCode={r.municipalityCode} year={r.year} />

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
                {costRow(c.serviceType?.name ?? c.serviceType?.code ?? '–', c)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="total">{costRow(t('reports.total'), r.totalCost)}</tr>
          </tfoot>
        </table>
      </div>

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

/**
 * The CSV export needs the bearer token, so a plain link would not do: each button fetches the
 * file with the Authorization header and saves it through a temporary object URL.
 */
function CsvDownloads({ municipalityCode, year }: { municipalityCode: string; year: number }) {
  const { t } = useI18n();
  const { session } = useAuth();
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState<CsvTable | null>(null);

  async function download(table: CsvTable) {
    const file = `report-${municipalityCode}-${year}-${table}.csv`;
    setBusy(table);
    setStatus(null);
    try {
      const res = await fetch(`/reports/${municipalityCode}/${year}/${table}.csv`, {
        headers: session ? { authorization: `Bearer ${session.token}` } : {},
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as {
          errors?: Array<{ message: string }>;
        } | null;
        throw new Error(body?.errors?.[0]?.message ?? `HTTP ${res.status}`);
      }
      const blob = await res.blob();
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = file;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setStatus({ text: t('reports.downloaded', { file }), error: false });
    } catch (err) {
      setStatus({
        text: t('reports.downloadFailed', {
          message: err instanceof Error ? err.message : String(err),
        }),
        error: true,
      });
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="csv-downloads">
      <Heading variant="h3">{t('reports.downloads')}</Heading>
      <ul className="button-list">
        {CSV_TABLES.map((table) => (
          <li key={table}>
            <Button
              variant="secondary"
              disabled={busy !== null}
              onClick={() => void download(table)}
            >
              {t('reports.csv', { table: t(`csvTable.${table}`) })}
            </Button>
          </li>
        ))}
      </ul>
      <p role="status" className={status?.error ? 'error-text' : 'muted'}>
        {status?.text ?? ''}
      </p>
    </div>
  );
}
