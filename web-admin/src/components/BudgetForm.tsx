import { useApolloClient, useMutation, useQuery } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Button, Heading, TextInput } from 'suomifi-ui-components';
import { graphql } from '../gql';
import type { PaymentInstrument } from '../gql/graphql';
import { useI18n } from '../i18n';
import { money, monthName, parseEuroInput } from '../format';
import { FormErrors, Select, splitErrors, type UserError } from './common';
import { MunicipalitiesQuery } from '../pages/ClientsPage';
import { useServiceTypeName } from './catalogue';

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

type Mode = 'monthly' | 'weekly' | 'kilometres';

/** Essi's worked example: day activities five days a week, July a holiday month, 160 € a day. */
export const ESSI_MONTHLY_DAYS = [20, 20, 23, 19, 21, 21, 0, 23, 22, 21, 22, 20];

interface FormState {
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

type CalcResult = {
  total: { amount: string; currency: string };
  months: Array<{ month: number; amount: { amount: string; currency: string } }>;
  explanation: string;
};

/**
 * The budget calculator (a pure preview through `calculateBudget`) and, with a client, the
 * decision form (`decideBudget`). What was typed stays when a request fails.
 */
export function BudgetForm({
  clientId,
  municipalityCode,
  onDecided,
}: {
  clientId?: string;
  municipalityCode?: string;
  onDecided?: () => void;
}) {
  const { t, language, locale } = useI18n();
  const serviceName = useServiceTypeName();
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

  const headingId = clientId ? 'decide-heading' : 'calc-form-heading';
  return (
    <form
      onSubmit={onCalculate}
      className="form grid budget-form"
      noValidate
      aria-labelledby={headingId}
    >
      <Heading variant={clientId ? 'h3' : 'h2'} id={headingId}>
        {clientId ? t('decide.title') : t('calc.title')}
      </Heading>
      <div className="form-actions">
        <Button variant="secondary" onClick={fillEssi}>
          {t('calc.essi')}
        </Button>
      </div>
      <FormErrors errors={other.map((message) => ({ code: '', message, field: null }))} />
      <Select
        label={t('calc.serviceType')}
        value={form.serviceType}
        onChange={(e) => setForm((f) => ({ ...f, serviceType: e.target.value, hbClassId: '' }))}
        error={fields.serviceType}
      >
        <option value="">–</option>
        {serviceTypes.map((s) => (
          <option key={s.code} value={s.code}>
            {serviceName(s)}
          </option>
        ))}
      </Select>
      {municipalityCode ? null : (
        <Select
          label={t('calc.municipality')}
          value={form.municipalityCode}
          onChange={(e) => set('municipalityCode', e.target.value)}
          error={fields.municipalityCode}
        >
          {(municipalities.data?.municipalities ?? []).map((m) => (
            <option key={m.code} value={m.code}>
              {language === 'sv' && m.nameSv ? m.nameSv : m.name}
            </option>
          ))}
        </Select>
      )}
      <TextInput
        labelText={t('calc.year')}
        value={form.year}
        onChange={(v) => set('year', String(v ?? ''))}
        inputMode="numeric"
        status={fields.year ? 'error' : 'default'}
        statusText={fields.year}
      />
      <Select
        label={t('calc.class')}
        value={form.hbClassId}
        onChange={(e) => set('hbClassId', e.target.value)}
        error={fields.hbClassId}
      >
        <option value="">{t('calc.noClass')}</option>
        {(service?.classes ?? []).map((c) => (
          <option key={c.id} value={c.id}>
            {c.individual
              ? t('budget.individual')
              : t('budget.classLevel', { level: c.level ?? '' })}{' '}
            –{' '}
            {c.unitPrice
              ? t('catalogue.perUnit', {
                  price: money(c.unitPrice, locale),
                  unit: t(`unit.${c.pricingBasis}`),
                })
              : t('calc.noValue')}
          </option>
        ))}
      </Select>
      {cls && cls.criteria.length ? (
        <div className="full">
          <p className="field-label">{t('calc.criteria')}</p>
          <ul>
            {cls.criteria.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {needsPrice ? (
        <TextInput
          labelText={t('calc.unitPrice')}
          hintText={t('calc.unitPriceHint')}
          value={form.unitPrice}
          onChange={(v) => set('unitPrice', String(v ?? ''))}
          inputMode="decimal"
          status={fields.unitPrice ? 'error' : 'default'}
          statusText={fields.unitPrice}
        />
      ) : null}
      <fieldset className="checkboxes full">
        <legend>{t('calc.mode')}</legend>
        {(['monthly', 'weekly', 'kilometres'] as const).map((m) => (
          <label key={m} className="checkbox">
            <input
              type="radio"
              name={`${headingId}-mode`}
              value={m}
              checked={form.mode === m}
              onChange={() => set('mode', m)}
            />
            {t(`calc.mode.${m}`)}
          </label>
        ))}
      </fieldset>
      {form.mode === 'monthly' ? (
        <fieldset className={`checkboxes full${fields.monthlyUnits ? ' field-error' : ''}`}>
          <legend>{t('calc.mode.monthly')}</legend>
          <div className="months">
            {form.months.map((v, i) => (
              <div key={i} className="field">
                <label htmlFor={`${headingId}-m${i}`}>{monthName(i + 1, locale)}</label>
                <input
                  id={`${headingId}-m${i}`}
                  inputMode="numeric"
                  value={v}
                  aria-invalid={fields.monthlyUnits ? true : undefined}
                  onChange={(e) =>
                    setForm((f) => ({
                      ...f,
                      months: f.months.map((x, j) => (j === i ? e.target.value : x)),
                    }))
                  }
                />
              </div>
            ))}
          </div>
          {fields.monthlyUnits ? <span className="error-text">{fields.monthlyUnits}</span> : null}
        </fieldset>
      ) : null}
      {form.mode === 'weekly' ? (
        <>
          <TextInput
            labelText={t('calc.weeklyUnits')}
            value={form.weeklyUnits}
            onChange={(v) => set('weeklyUnits', String(v ?? ''))}
            inputMode="numeric"
            status={fields.weeklyUnits ? 'error' : 'default'}
            statusText={fields.weeklyUnits}
          />
          <TextInput
            labelText={t('calc.weeks')}
            value={form.weeks}
            onChange={(v) => set('weeks', String(v ?? ''))}
            inputMode="numeric"
            status={fields.weeks ? 'error' : 'default'}
            statusText={fields.weeks}
          />
        </>
      ) : null}
      {form.mode === 'kilometres' ? (
        <TextInput
          labelText={t('calc.kilometres')}
          value={form.kilometres}
          onChange={(v) => set('kilometres', String(v ?? ''))}
          inputMode="numeric"
          status={fields.kilometres ? 'error' : 'default'}
          statusText={fields.kilometres}
        />
      ) : null}
      {clientId ? (
        <>
          <Select
            label={t('decide.interval')}
            value={form.interval}
            onChange={(e) => set('interval', e.target.value)}
            error={fields.paymentIntervalMonths}
          >
            {[1, 2, 3, 4, 6, 12].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </Select>
          <Select
            label={t('decide.instrument')}
            value={form.instrument}
            onChange={(e) => set('instrument', e.target.value as PaymentInstrument)}
            error={fields.instrument}
          >
            <option value="VOUCHER">{t('instrument.VOUCHER')}</option>
            <option value="CARD">{t('instrument.CARD')}</option>
          </Select>
        </>
      ) : null}
      <div className="form-actions">
        <Button type="submit" disabled={busy}>
          {t('calc.calculate')}
        </Button>{' '}
        {clientId ? (
          <Button variant="secondary" disabled={busy} onClick={() => void onDecide()}>
            {t('decide.submit')}
          </Button>
        ) : null}
      </div>
      {decided ? (
        <p role="status" className="notice full">
          {decided}
        </p>
      ) : null}
      <div className="full" aria-live="polite">
        {result ? (
          <div className="calc-result">
            <Heading variant="h4" as={clientId ? 'h4' : 'h3'}>
              {t('calc.result')}
            </Heading>
            <p>
              <strong>
                {t('calc.total')}:{' '}
                <span data-testid="calc-total">{money(result.total, locale)}</span>
              </strong>
            </p>
            <p>{result.explanation}</p>
            <table className="table">
              <caption className="visually-hidden">{t('calc.result')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('budget.date')}</th>
                  <th scope="col" className="num">
                    {t('budget.amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.months.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{monthName(m.month, locale)}</th>
                    <td className="num">{money(m.amount, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </div>
    </form>
  );
}
