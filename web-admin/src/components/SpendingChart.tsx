import { useId } from 'react';
import { useI18n } from '../i18n';

/**
 * Spending against the elapsed year as two horizontal bars on a 0–100 % scale, with a text
 * alternative (title and description) for assistive technology and the numbers printed next to
 * the bars, so that nothing depends on colour alone.
 */
export function SpendingChart({
  spentShare,
  pendingShare,
  elapsedShare,
}: {
  spentShare: number;
  pendingShare: number;
  elapsedShare: number;
}) {
  const { t } = useI18n();
  const id = useId();
  const pct = (x: number) => Math.round(Math.max(0, Math.min(1, x)) * 100);
  const spent = pct(spentShare);
  const pending = pct(Math.min(pendingShare, 1 - Math.min(spentShare, 1)));
  const elapsed = pct(elapsedShare);
  const W = 560;
  const left = 170;
  const barW = W - left - 70;
  const x = (p: number) => left + (barW * p) / 100;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} 130`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{t('chart.title')}</title>
        <desc id={`${id}-d`}>{t('chart.desc', { spent, elapsed })}</desc>
        {[0, 25, 50, 75, 100].map((p) => (
          <g key={p}>
            <line x1={x(p)} x2={x(p)} y1={10} y2={100} stroke="#c8cdd0" />
            <text x={x(p)} y={118} fontSize="12" textAnchor="middle" fill="#1f2a36">
              {p} %
            </text>
          </g>
        ))}
        <text x={0} y={38} fontSize="14" fill="#1f2a36">
          {t('chart.spent')}
        </text>
        <rect x={left} y={22} width={(barW * spent) / 100} height={24} fill="#1a4f8b" />
        <rect x={x(spent)} y={22} width={(barW * pending) / 100} height={24} fill="#8fb3dc" />
        <text x={x(spent + pending) + 6} y={39} fontSize="14" fill="#1f2a36" fontWeight="700">
          {spent} %
        </text>
        <text x={0} y={82} fontSize="14" fill="#1f2a36">
          {t('chart.elapsed')}
        </text>
        <rect x={left} y={66} width={(barW * elapsed) / 100} height={24} fill="#5f6b76" />
        <text x={x(elapsed) + 6} y={83} fontSize="14" fill="#1f2a36" fontWeight="700">
          {elapsed} %
        </text>
      </svg>
      <figcaption className="muted">{t('chart.desc', { spent, elapsed })}</figcaption>
    </figure>
  );
}
