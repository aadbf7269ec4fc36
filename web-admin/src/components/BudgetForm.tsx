import { Button, Heading, TextInput } from 'suomifi-ui-components';
import type { PaymentInstrument } from '../gql/graphql';
import { useI18n } from '../i18n';
import { money, monthName } from '../format';
import { FormErrors, Select } from './common';
import { useServiceTypeName } from './catalogue';
import { useBudgetForm } from './budget/useBudgetForm';

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
  const {
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
  } = useBudgetForm({ clientId, municipalityCode, onDecided });

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
