import { Heading } from 'suomifi-ui-components';
import type { MyBudgetsQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { date, elapsedShareOfYear, money, todayInFinland } from '../../format';
import { SpendingChart } from '../../components/SpendingChart';
import { useServiceTypeName } from '../../components/catalogue';

/** A budget as MyPage reads it. */
export type Budget = NonNullable<MyBudgetsQuery['client']>['budgets'][number];

/** One budget on the client's own page: its figures, spending, arrangements, instalments and charges. */
export function BudgetCard({ budget: b, locale }: { budget: Budget; locale: string }) {
  const { t } = useI18n();
  const serviceName = useServiceTypeName();
  const headingId = `my-budget-${b.id}`;
  const granted = Number(b.granted.amount) || 0;
  const share = (m: { amount: string }) => (granted > 0 ? Number(m.amount) / granted : 0);
  const today = todayInFinland();
  const upcoming = b.instalments.filter((i) => !i.paid && i.dueDate >= today);
  const commitments = b.commitments.filter((c) => c.status === 'ACTIVE');
  return (
    <section aria-labelledby={headingId} className="card my-section">
      <Heading variant="h2" id={headingId}>
        {t('my.budgetHeading', { service: serviceName(b.serviceType), year: b.year })}
      </Heading>
      <dl className="figures my-figures" data-testid="my-figures">
        {(
          [
            ['my.granted', b.granted, 'granted'],
            ['my.spent', b.spent, 'spent'],
            ['my.pending', b.pending, 'pending'],
            ['my.committed', b.committed, 'committed'],
            ['my.remaining', b.remaining, 'remaining'],
          ] as const
        ).map(([key, value, cls]) => (
          <div key={key} className={`figure ${cls}`}>
            <dt>{t(key)}</dt>
            <dd data-figure={cls}>{money(value, locale)}</dd>
          </div>
        ))}
      </dl>
      <SpendingChart
        spentShare={share(b.spent)}
        pendingShare={share(b.pending)}
        elapsedShare={elapsedShareOfYear(b.year)}
      />
      <Heading variant="h3" as="h3">
        {t('my.arranged')}
      </Heading>
      {commitments.length === 0 ? (
        <p>{t('my.arrangedNone')}</p>
      ) : (
        <ul className="my-list">
          {commitments.map((c) => (
            <li key={c.id} className="my-item">
              {t('my.arrangedItem', {
                provider:
                  c.payeeKind === 'CLIENT' ? t('my.clientPayee') : (c.provider?.name ?? '–'),
                service: serviceName(c.serviceType),
                amount: money(c.amount, locale),
                remaining: money(c.remaining, locale),
                from: date(c.validFrom, locale),
                to: date(c.validTo, locale),
              })}
            </li>
          ))}
        </ul>
      )}
      <RecentCharges budget={b} locale={locale} />
      <Heading variant="h3" as="h3">
        {t('my.instalments')}
      </Heading>
      {upcoming.length === 0 ? (
        <p>{t('my.instalmentsNone')}</p>
      ) : (
        <ul className="my-list">
          {upcoming.map((i) => (
            <li key={i.dueDate} className="my-item">
              {t('my.instalmentItem', {
                date: date(i.dueDate, locale),
                amount: money(i.amount, locale),
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The charges she has already answered, with what she answered (newest first, ten at most). */
function RecentCharges({ budget: b, locale }: { budget: Budget; locale: string }) {
  const { t } = useI18n();
  const answered = b.transactions.edges
    .map((e) => e.node)
    .filter((tx) => tx.kind === 'CHARGE' && tx.status !== 'PENDING_CONFIRMATION')
    .slice(0, 10);
  if (answered.length === 0) return null;
  return (
    <>
      <Heading variant="h3" as="h3">
        {t('my.recent')}
      </Heading>
      <ul className="my-list" data-testid="answered-charges">
        {answered.map((tx) => (
          <li key={tx.id} className="my-item">
            <p className="my-item-text">
              {t('my.charge', {
                provider: tx.provider?.name ?? '–',
                date: date(tx.serviceDate ?? tx.createdAt, locale),
                amount: money(tx.amount, locale),
              })}
            </p>
            <p>
              {tx.status === 'REJECTED'
                ? t('my.answeredDisputed', { reason: tx.rejectionReason ?? '–' })
                : t('my.answeredConfirmed')}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
