import { useApolloClient, useMutation, useQuery } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { graphql } from '../../gql';
import type { PaymentInstrument } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { money, monthName, parseEuroInput } from '../../format';
import { splitErrors, type UserError } from '../common';
import { MunicipalitiesQuery } from '../../pages/ClientsPage';

const ClassesQuery = graphql(`
  query BudgetClasses($municipalityCode: ID!, $year: Int) {
    serviceTypes {
      code
      name
      classes(municipalityCode: $municipalityCode, year: $year) {
        id
        level
        individual
        pricingBasis
        criteria
        minAge
        maxAge
        minKilometres
        maxKilometres
        unitPrice {
          amount
          currency
        }
      }
    }
  }
`);

const Calculate = graphql(`
  query CalculateBudget($input: BudgetCalculationInput!) {
    calculateBudget(input: $input) {
      total {
        amount
        currency
      }
      months {
        month
        amount {
          amount
          currency
        }
      }
      explanation
    }
  }
`);

const Decide = graphql(`
  mutation DecideBudget($input: DecideBudgetInput!) {
    decideBudget(input: $input) {
      budget {
        ...BudgetFields
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export type Mode = 'monthly' | 'weekly' | 'kilometres';

/** Essi's worked example: day activities five days a week, July a holiday month, 160 € a day. */
export const ESSI_MONTHLY_DAYS = [20, 20, 23, 19, 21, 21, 0, 23, 22, 21, 22, 20];

export interface FormState {
  serviceType: string;
  municipalityCode: string;
  year: string;
  hbClassId: string;
  unitPrice: string;
  mode: Mode;
  months: string[];
  weeklyUnits: string;
  weeks: string;
  kilometres: string;
  interval: string;
  instrument: PaymentInstrument;
}

export type CalcResult = {
  total: { amount: string; currency: string };
  months: Array<{ month: number; amount: { amount: string; currency: string } }>;
  explanation: string;
};

/**
 * The budget form's state and requests: what was typed, the classes and municipalities to
 * choose from, the schedule's validation, the calculation (`calculateBudget`, a pure preview)
 * and, with a client, the decision (`decideBudget`). BudgetForm renders it.
 */
export function useBudgetForm({
  clientId,
  municipalityCode,
  onDecided,
}: {
  clientId?: string;
  municipalityCode?: string;
  onDecided?: () => void;
}) {
  const { t, locale } = useI18n();
  const apollo = useApolloClient();
  const [form, setForm] = useState<FormState>({
    serviceType: '',
    municipalityCode: municipalityCode ?? '837',
    year: String(new Date().getFullYear()),
    hbClassId: '',
    unitPrice: '',
    mode: 'monthly',
    months: Array.from({ length: 12 }, () => '0'),
    weeklyUnits: '',
    weeks: '',
    kilometres: '',
    interval: '3',
    instrument: 'VOUCHER',
  });
  const [pendingClassLevel, setPendingClassLevel] = useState<number | null>(null);
  const [errors, setErrors] = useState<UserError[]>([]);
  const [result, setResult] = useState<CalcResult | null>(null);
  const [decided, setDecided] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const yearNumber = Number(form.year);
  const municipalities = useQuery(MunicipalitiesQuery, { skip: !!municipalityCode });
  const classes = useQuery(ClassesQuery, {
    variables: {
      municipalityCode: form.municipalityCode,
      year: Number.isInteger(yearNumber) ? yearNumber : null,
    },
    skip: !form.municipalityCode,
  });
  const [decide] = useMutation(Decide);
  const serviceTypes = classes.data?.serviceTypes ?? [];
  const service = serviceTypes.find((s) => s.code === form.serviceType);
  const cls = service?.classes.find((c) => c.id === form.hbClassId);
  const needsPrice = !cls || cls.individual || !cls.unitPrice;
  const { fields, other } = splitErrors(errors);

  // Essi's example picks class 5 once the classes of day activities are known. Adjusted while
  // rendering (React's pattern for state that follows other state), not in an effect that would
  // render the form twice.
  if (pendingClassLevel !== null && service) {
    const c = service.classes.find((x) => x.level === pendingClassLevel && !x.individual);
    if (c) setForm((f) => ({ ...f, hbClassId: c.id }));
    setPendingClassLevel(null);
  }

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  function fillEssi() {
    setForm((f) => ({
      ...f,
      serviceType: 'DAY_ACTIVITIES',
      municipalityCode: municipalityCode ?? '837',
      year: '2022',
      mode: 'monthly',
      months: ESSI_MONTHLY_DAYS.map(String),
      unitPrice: '160,00',
      interval: '1',
      instrument: 'VOUCHER',
    }));
    setPendingClassLevel(5);
    setResult(null);
  }

  /** The schedule fields shared by the calculation and the decision. */
  function schedule():
    { ok: true; value: Record<string, unknown> } | { ok: false; errors: UserError[] } {
    const errs: UserError[] = [];
    const int = (v: string, field: string, label: string) => {
      const n = Number(v.trim());
      if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n)) {
        errs.push({ code: 'VALIDATION', message: `${label}: ${v || '–'}`, field });
        return 0;
      }
      return n;
    };
    const value: Record<string, unknown> = {};
    if (needsPrice) {
      const price = parseEuroInput(form.unitPrice);
      if (!price)
        errs.push({ code: 'VALIDATION', message: t('calc.unitPrice'), field: 'unitPrice' });
      else value.unitPrice = price;
    }
    if (form.mode === 'monthly')
      value.monthlyUnits = form.months.map((m, i) =>
        int(m, 'monthlyUnits', t('calc.month', { month: monthName(i + 1, locale) })),
      );
    if (form.mode === 'weekly') {
      value.weeklyUnits = int(form.weeklyUnits, 'weeklyUnits', t('calc.weeklyUnits'));
      value.weeks = int(form.weeks, 'weeks', t('calc.weeks'));
    }
    if (form.mode === 'kilometres')
      value.kilometres = int(form.kilometres, 'kilometres', t('calc.kilometres'));
    return errs.length ? { ok: false, errors: errs } : { ok: true, value };
  }

  async function onCalculate(e: FormEvent) {
    e.preventDefault();
    setDecided(null);
    const s = schedule();
    if (!s.ok) {
      setErrors(s.errors);
      return;
    }
    setBusy(true);
    try {
      const res = await apollo.query({
        query: Calculate,
        fetchPolicy: 'no-cache',
        errorPolicy: 'all',
        variables: {
          input: {
            serviceType: form.serviceType,
            municipalityCode: form.municipalityCode,
            hbClassId: form.hbClassId || null,
            year: yearNumber,
            ...s.value,
          },
        },
      });
      // Apollo 3's client.query reports GraphQL errors under errorPolicy 'all' only in `errors`
      // (its QueryManager never sets `error` there); the deprecation is for Apollo 4.
      // eslint-disable-next-line @typescript-eslint/no-deprecated
      const graphQLErrors = res.errors ?? [];
      if (graphQLErrors.length) {
        setErrors(
          graphQLErrors.map((err) => ({
            code: typeof err.extensions?.code === 'string' ? err.extensions.code : 'ERROR',
            message: err.message,
            field: typeof err.extensions?.field === 'string' ? err.extensions.field : null,
          })),
        );
        setResult(null);
      } else {
        setErrors([]);
        setResult(res.data.calculateBudget);
      }
    } catch (err) {
      setErrors([
        {
          code: 'REQUEST_FAILED',
          message: err instanceof Error ? err.message : String(err),
          field: null,
        },
      ]);
    } finally {
      setBusy(false);
    }
  }

  async function onDecide() {
    if (!clientId) return;
    setDecided(null);
    const s = schedule();
    if (!s.ok) {
      setErrors(s.errors);
      return;
    }
    setBusy(true);
    try {
      const res = await decide({
        variables: {
          input: {
            clientId,
            serviceType: form.serviceType,
            hbClassId: form.hbClassId,
            year: yearNumber,
            paymentIntervalMonths: Number(form.interval),
            instrument: form.instrument,
            ...s.value,
          },
        },
      });
      const payload = res.data?.decideBudget;
      setErrors(payload?.errors ?? []);
      if (payload?.budget) {
        setDecided(t('decide.done', { amount: money(payload.budget.granted, locale) }));
        onDecided?.();
      }
    } catch (err) {
      setErrors([
        {
          code: 'REQUEST_FAILED',
          message: err instanceof Error ? err.message : String(err),
          field: null,
        },
      ]);
    } finally {
      setBusy(false);
    }
  }

  return {
    form,
    set,
    setForm,
    fillEssi,
    fields,
    other,
    result,
    decided,
    busy,
    municipalities,
    serviceTypes,
    service,
    cls,
    needsPrice,
    onCalculate,
    onDecide,
  };
}
