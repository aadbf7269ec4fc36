import { useState } from 'react';
import { Button, Heading } from 'suomifi-ui-components';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { exportLang, useReportText } from './report-text';

/** The CSV tables of `GET /reports/{municipalityCode}/{year}/{table}.csv` (gateway). */
const CSV_TABLES = [
  'costs',
  'groups',
  'forecast',
  'providers',
  'switches',
  'alerts',
  'goals',
  'feedback',
] as const;
type CsvTable = (typeof CSV_TABLES)[number];

/**
 * The exports need the bearer token, so a plain link would not do: each button fetches the
 * file with the Authorization header and saves it through a temporary object URL.
 */
export function ReportDownloads({
  municipalityCode,
  year,
}: {
  municipalityCode: string;
  year: number;
}) {
  const { t, language } = useI18n();
  const rt = useReportText();
  const lang = exportLang(language);
  const { session } = useAuth();
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState<CsvTable | 'xlsx' | null>(null);

  /** One table as CSV, or (`xlsx`) every table as a workbook, headers in `lang`. */
  async function download(table: CsvTable | 'xlsx') {
    const file =
      table === 'xlsx'
        ? `report-${municipalityCode}-${year}.xlsx`
        : `report-${municipalityCode}-${year}-${table}.csv`;
    setBusy(table);
    setStatus(null);
    try {
      const path =
        table === 'xlsx'
          ? `/reports/${municipalityCode}/${year}.xlsx`
          : `/reports/${municipalityCode}/${year}/${table}.csv`;
      const res = await fetch(`${path}?lang=${lang}`, {
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
      <p className="muted">{rt('fileLanguage')}</p>
      <ul className="button-list">
        <li>
          <Button disabled={busy !== null} onClick={() => void download('xlsx')}>
            {rt('xlsx')}
          </Button>
        </li>
        {CSV_TABLES.map((table) => (
          <li key={table}>
            <Button
              variant="secondary"
              disabled={busy !== null}
              onClick={() => void download(table)}
            >
              {t('reports.csv', {
                table:
                  table === 'forecast'
                    ? rt('csvForecast')
                    : table === 'groups'
                      ? rt('csvGroups')
                      : t(`csvTable.${table}`),
              })}
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
