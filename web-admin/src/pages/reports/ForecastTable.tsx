import { Heading } from 'suomifi-ui-components';
import { date, money, type MoneyValue } from '../../format';
import { useI18n } from '../../i18n';
import type { ForecastData } from './report-query';
import { useReportText } from './report-text';

/**
 * Ennuste: what will lapse at year end, per municipality or summed over all of them. Every
 * figure reads "suojattu" when the forecast is hidden (the same small-group rules as the rest).
 */
export function ForecastTable({
  id,
  title,
  forecast,
}: {
  id: string;
  title: string;
  forecast: ForecastData | null | undefined;
}) {
  const { t, locale } = useI18n();
  const rt = useReportText();
  const shown = (m: MoneyValue | null | undefined) =>
    !forecast || forecast.suppressed || !m ? t('reports.suppressed') : money(m, locale);
  return (
    <section className="report-forecast" aria-labelledby={id}>
      <Heading variant="h3" id={id}>
        {title}
      </Heading>
      {!forecast ? (
        <p>{rt('forecastNone')}</p>
      ) : (
        <>
          <p className="muted">{rt('forecastNote', { date: date(forecast.asOf, locale) })}</p>
          <dl className="figures" data-testid={`${id}-figures`}>
            <div className="figure">
              <dt>{t('budget.granted')}</dt>
              <dd>{shown(forecast.granted)}</dd>
            </div>
            <div className="figure">
              <dt>{t('budget.spent')}</dt>
              <dd>{shown(forecast.spent)}</dd>
            </div>
            <div className="figure">
              <dt>{t('budget.pending')}</dt>
              <dd>{shown(forecast.pending)}</dd>
            </div>
            <div className="figure">
              <dt>{rt('projected')}</dt>
              <dd data-report="forecastProjected">{shown(forecast.projected)}</dd>
            </div>
            <div className="figure">
              <dt>{rt('lapsing')}</dt>
              <dd data-report="forecastLapsing">{shown(forecast.lapsing)}</dd>
            </div>
          </dl>
        </>
      )}
    </section>
  );
}
