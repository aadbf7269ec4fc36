import { useMutation, useQuery } from '@apollo/client';
import { useRef, useState, type FormEvent } from 'react';
import { Button, Heading } from 'suomifi-ui-components';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import { fi, type MessageKey } from '../messages';
import { euros, money, parseEuroInput } from '../format';
import { FormErrors, requestFailure, type UserError } from './common';
import { useServiceTypeName } from './catalogue';
import { AllocationRow, type Draft, type RowField } from './allocations/AllocationRow';

const AllocationBudgets = graphql(`
  query AllocationBudgets($clientId: ID!, $year: Int) {
    client(id: $clientId) {
      id
      budgets(year: $year) {
        id
        year
        status
        serviceType {
          code
          name
        }
        granted {
          amount
          currency
        }
      }
    }
  }
`);

const SetAllocations = graphql(`
  mutation SetAllocations($planId: ID!, $allocations: [AllocationInput!]!) {
    setAllocations(planId: $planId, allocations: $allocations) {
      plan {
        id
        version
        status
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export interface ExistingAllocation {
  id: string;
  description: string;
  discretionaryReason: string | null;
  amount: { amount: string; currency: string };
  provider: { id: string; name: string } | null;
  offering: { id: string; title: string } | null;
  budget: { id: string };
}

const ROW_FIELDS: readonly string[] = [
  'budgetId',
  'providerId',
  'offeringId',
  'amount',
  'description',
];

let nextKey = 0;
const newKey = () => `new-${++nextKey}`;

/** "1234.5" or "1 234,50" → 1234.5; null when it is not an amount yet. */
function amountOf(text: string): number | null {
  const parsed = parseEuroInput(text);
  return parsed === null ? null : Number(parsed);
}

/** Payload errors: those of a row's field (`allocations[2].amount`) and the rest. */
function sortErrors(errors: readonly UserError[]): {
  rows: Map<number, Partial<Record<RowField, string>>>;
  other: UserError[];
} {
  const rows = new Map<number, Partial<Record<RowField, string>>>();
  const other: UserError[] = [];
  for (const e of errors) {
    const m = /allocations\[(\d+)\]\.(\w+)$/.exec(e.field ?? '');
    const [, index, field] = m ?? [];
    if (index !== undefined && field !== undefined && ROW_FIELDS.includes(field)) {
      const row = rows.get(Number(index)) ?? {};
      const f = field as RowField;
      row[f] = row[f] ? `${row[f]} ${e.message}` : e.message;
      rows.set(Number(index), row);
    } else {
      other.push(
        index !== undefined
          ? { ...e, message: `${Number(index) + 1}: ${e.message}` }
          : { ...e, field: e.field },
      );
    }
  }
  return { rows, other };
}

/**
 * Edits a plan's allocations: each row is a budget of the plan's year, a provider approved for
 * the budget's service type, optionally one of its offerings, an amount and a description. The
 * sum per budget is shown against the decided (granted) amount as the person types. Payload
 * errors appear next to their fields; nothing typed is cleared when saving fails.
 */
export function AllocationsForm({
  planId,
  clientId,
  year,
  municipalityCode,
  existing,
  onSaved,
  onCancel,
}: {
  planId: string;
  clientId: string;
  year: number;
  municipalityCode?: string | undefined;
  existing: readonly ExistingAllocation[];
  onSaved: (version: number) => void;
  onCancel: () => void;
}) {
  const { t, locale } = useI18n();
  const serviceName = useServiceTypeName();
  const budgetsQuery = useQuery(AllocationBudgets, { variables: { clientId, year } });
  const budgets = (budgetsQuery.data?.client?.budgets ?? []).filter((b) => b.year === year);
  const [drafts, setDrafts] = useState<Draft[]>(() =>
    existing.map((a) => ({
      key: a.id,
      id: a.id,
      budgetId: a.budget.id,
      providerId: a.provider?.id ?? '',
      providerName: a.provider?.name ?? null,
      offeringId: a.offering?.id ?? '',
      amount: a.amount.amount.replace('.', ','),
      description: a.description,
      discretionaryReason: a.discretionaryReason,
    })),
  );
  const [errors, setErrors] = useState<UserError[]>([]);
  const [save, { loading }] = useMutation(SetAllocations, {
    refetchQueries: ['ClientPlans', 'PlanDetail'],
    awaitRefetchQueries: true,
  });
  const summaryRef = useRef<HTMLDivElement>(null);
  // Known rule codes in the UI's language; other messages as the API wrote them.
  const { rows: rowErrors, other } = sortErrors(
    errors.map((e) => {
      const key = `allocError.${e.code}`;
      return key in fi ? { ...e, message: t(key as MessageKey) } : e;
    }),
  );

  const update = (key: string, patch: Partial<Draft>) =>
    setDrafts((ds) => ds.map((d) => (d.key === key ? { ...d, ...patch } : d)));

  function addRow() {
    setDrafts((ds) => [
      ...ds,
      {
        key: newKey(),
        id: null,
        budgetId: budgets.length === 1 ? (budgets[0]?.id ?? '') : '',
        providerId: '',
        providerName: null,
        offeringId: '',
        amount: '',
        description: '',
        discretionaryReason: null,
      },
    ]);
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const allocations = drafts.map((d) => ({
      id: d.id,
      budgetId: d.budgetId,
      providerId: d.providerId || null,
      offeringId: d.offeringId || null,
      // A malformed amount goes as typed: the API names the field and says what is wrong.
      amount: parseEuroInput(d.amount) ?? d.amount.trim(),
      description: d.description,
      discretionaryReason: d.discretionaryReason,
    }));
    let errs: UserError[];
    let version = 0;
    try {
      const res = await save({ variables: { planId, allocations } });
      errs = res.data?.setAllocations.errors ?? [];
      version = res.data?.setAllocations.plan?.version ?? 0;
      if (!res.data) errs = requestFailure(res.errors?.[0]?.message ?? '–');
    } catch (err) {
      errs = requestFailure(err);
    }
    setErrors(errs);
    if (errs.length === 0) onSaved(version);
    else setTimeout(() => summaryRef.current?.querySelector<HTMLElement>('[tabindex]')?.focus());
  }

  // The running sum per budget against its decided amount, from what is typed now.
  const sums = budgets
    .map((b) => {
      const rows = drafts.filter((d) => d.budgetId === b.id);
      const allocated = rows.reduce((s, d) => s + (amountOf(d.amount) ?? 0), 0);
      return { budget: b, allocated, granted: Number(b.granted.amount), rows: rows.length };
    })
    .filter((s) => s.rows > 0 || budgets.length === 1);

  return (
    <form
      onSubmit={onSubmit}
      className="form allocations-form"
      noValidate
      aria-labelledby="allocations-form-heading"
    >
      <Heading variant="h4" as="h5" id="allocations-form-heading">
        {t('alloc.title')}
      </Heading>
      <p className="muted">{t('alloc.intro')}</p>
      <div ref={summaryRef}>
        <FormErrors errors={other} />
      </div>
      {budgetsQuery.data && budgets.length === 0 ? (
        <p role="status">{t('alloc.noBudgets', { year })}</p>
      ) : null}
      {drafts.length === 0 ? <p>{t('plan.noAllocations')}</p> : null}
      {drafts.map((d, i) => (
        <AllocationRow
          key={d.key}
          index={i}
          draft={d}
          budgets={budgets}
          municipalityCode={municipalityCode}
          errors={rowErrors.get(i) ?? {}}
          onChange={(patch) => update(d.key, patch)}
          onRemove={() => setDrafts((ds) => ds.filter((x) => x.key !== d.key))}
        />
      ))}
      <div className="form-actions">
        <Button variant="secondary" onClick={addRow}>
          {t('alloc.add')}
        </Button>
      </div>
      <div className="allocation-sums" aria-live="polite" data-testid="allocation-sums">
        {sums.map(({ budget, allocated, granted }) => (
          <p key={budget.id} className={allocated > granted ? 'over' : ''}>
            <strong>
              {serviceName(budget.serviceType)} {budget.year}:
            </strong>{' '}
            <span data-testid="allocation-sum">
              {t('alloc.sum', {
                allocated: euros(allocated, locale),
                granted: money(budget.granted, locale),
              })}
            </span>{' '}
            {allocated > granted
              ? t('alloc.over', { amount: euros(allocated - granted, locale) })
              : t('alloc.left', { amount: euros(granted - allocated, locale) })}
          </p>
        ))}
      </div>
      <div className="form-actions">
        <Button type="submit" disabled={loading}>
          {loading ? t('alloc.saving') : t('alloc.save')}
        </Button>{' '}
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
