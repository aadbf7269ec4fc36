import { useQuery } from '@apollo/client';
import { Button } from 'suomifi-ui-components';
import { graphql } from '../../gql';
import { useI18n } from '../../i18n';
import { money } from '../../format';
import { Select, TextField } from '../common';
import { useServiceTypeName } from '../catalogue';

const AllocationProviders = graphql(`
  query AllocationProviders($serviceType: ID!, $municipalityCode: ID) {
    providers(
      search: { serviceType: $serviceType, municipalityCode: $municipalityCode }
      first: 100
    ) {
      edges {
        node {
          id
          name
          approvalStatus
          choosableWithBudget
          offerings {
            id
            title
            serviceType {
              code
            }
            price {
              amount
              currency
            }
            priceUnit
          }
        }
      }
    }
  }
`);
/** A row of the form as typed: an existing allocation or a new one. */
export interface Draft {
  /** A stable key for React, also for new rows. */
  key: string;
  id: string | null;
  budgetId: string;
  providerId: string;
  providerName: string | null;
  offeringId: string;
  amount: string;
  description: string;
  discretionaryReason: string | null;
}

export type RowField = 'budgetId' | 'providerId' | 'offeringId' | 'amount' | 'description';

interface BudgetChoice {
  id: string;
  year: number;
  serviceType: { code: string; name: string };
  granted: { amount: string; currency: string };
}

/** One allocation row: its budget, provider and offering, amount and description. */
export function AllocationRow({
  index,
  draft: d,
  budgets,
  municipalityCode,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  draft: Draft;
  budgets: readonly BudgetChoice[];
  municipalityCode?: string | undefined;
  errors: Partial<Record<RowField, string>>;
  onChange: (patch: Partial<Draft>) => void;
  onRemove: () => void;
}) {
  const { t, locale } = useI18n();
  const serviceName = useServiceTypeName();
  const budget = budgets.find((b) => b.id === d.budgetId);
  const providersQuery = useQuery(AllocationProviders, {
    variables: { serviceType: budget?.serviceType.code ?? '', municipalityCode },
    skip: !budget,
  });
  // Approved providers that offer the budget's service type and that a budget may buy.
  const providers = (providersQuery.data?.providers.edges ?? [])
    .map((e) => e.node)
    .filter((p) => p.approvalStatus === 'APPROVED' && p.choosableWithBudget);
  const provider = providers.find((p) => p.id === d.providerId);
  const offerings = (provider?.offerings ?? []).filter(
    (o) => o.serviceType.code === budget?.serviceType.code,
  );
  const n = index + 1;
  return (
    <fieldset className="allocation-row">
      <legend>{t('alloc.row', { n })}</legend>
      <Select
        label={t('alloc.budget')}
        value={d.budgetId}
        onChange={(e) => onChange({ budgetId: e.target.value, providerId: '', offeringId: '' })}
        error={errors.budgetId}
      >
        <option value="">{t('alloc.choose')}</option>
        {budgets.map((b) => (
          <option key={b.id} value={b.id}>
            {serviceName(b.serviceType)} {b.year} ({money(b.granted, locale)})
          </option>
        ))}
      </Select>
      <Select
        label={t('alloc.provider')}
        value={d.providerId}
        onChange={(e) =>
          onChange({
            providerId: e.target.value,
            providerName: providers.find((p) => p.id === e.target.value)?.name ?? null,
            offeringId: '',
          })
        }
        error={errors.providerId}
        disabled={!budget}
      >
        <option value="">{t('alloc.noProvider')}</option>
        {d.providerId && !provider ? (
          <option value={d.providerId}>{d.providerName ?? d.providerId}</option>
        ) : null}
        {providers.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </Select>
      <Select
        label={t('alloc.offering')}
        value={d.offeringId}
        onChange={(e) => onChange({ offeringId: e.target.value })}
        error={errors.offeringId}
        disabled={!provider}
      >
        <option value="">{t('alloc.noOffering')}</option>
        {d.offeringId && !offerings.some((o) => o.id === d.offeringId) ? (
          <option value={d.offeringId}>{d.offeringId}</option>
        ) : null}
        {offerings.map((o) => (
          <option key={o.id} value={o.id}>
            {o.title} –{' '}
            {t('catalogue.perUnit', {
              price: money(o.price, locale),
              unit: t(`unit.${o.priceUnit}`),
            })}
          </option>
        ))}
      </Select>
      <TextField
        label={t('alloc.amount')}
        value={d.amount}
        inputMode="decimal"
        autoComplete="off"
        onChange={(e) => onChange({ amount: e.target.value })}
        error={errors.amount}
      />
      <TextField
        label={t('alloc.description')}
        value={d.description}
        onChange={(e) => onChange({ description: e.target.value })}
        error={errors.description}
      />
      <div className="form-actions">
        <Button variant="secondaryNoBorder" onClick={onRemove}>
          {t('alloc.remove', { n })}
        </Button>
      </div>
    </fieldset>
  );
}
