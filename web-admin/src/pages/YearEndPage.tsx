import { useMutation, useQuery } from '@apollo/client';
import { useRef, useState, type FormEvent } from 'react';
import { Button, Heading } from 'suomifi-ui-components';
import { useAuth } from '../auth';
import { Page } from '../components/Page';
import {
  FormErrors,
  Select,
  TextField,
  requestFailure,
  splitErrors,
  type UserError,
} from '../components/common';
import { graphql } from '../gql';
import { useI18n, type Language } from '../i18n';
import { money } from '../format';

const Municipalities = graphql(`
  query YearEndMunicipalities {
    municipalities {
      code
      name
      nameSv
    }
  }
`);

const CloseYear = graphql(`
  mutation CloseYear($municipalityCode: ID!, $year: Int!) {
    closeYear(municipalityCode: $municipalityCode, year: $year) {
      municipalityCode
      year
      closedCount
      lapsed {
        amount
        currency
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

const YearEndOrganiser = graphql(`
  query YearEndOrganiser($id: ID!) {
    organiser(id: $id) {
      id
      name
      nameSv
    }
  }
`);

const CloseOrganiserYear = graphql(`
  mutation CloseOrganiserYear($organiserId: ID!, $year: Int!) {
    closeOrganiserYear(organiserId: $organiserId, year: $year) {
      organiserId
      year
      closedCount
      lapsed {
        amount
        currency
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

/** The choice that closes the year in the whole area of the organiser (issue 18 item 3). */
const WHOLE_AREA = 'organiser';
const WHOLE_AREA_TEXT: Partial<Record<Language, string>> = {
  fi: 'koko alue',
  sv: 'hela området',
  en: 'whole area',
  selko: 'koko alue',
};

interface Result {
  municipalityCode: string;
  year: number;
  closedCount: number;
  lapsed: { amount: string; currency: string };
}

/**
 * Organiser staff: year end (vuoden päättäminen) closes the open budgets of a municipality's
 * year; the unused part lapses back to the organiser. The API refuses it before 31 December.
 */
export function YearEndPage() {
  const { t, language, locale } = useI18n();
  const { session } = useAuth();
  const served: readonly string[] =
    (session?.role === 'ORGANISER' ? session.municipalities : undefined) ?? [];
  const municipalities = useQuery(Municipalities);
  const options = (municipalities.data?.municipalities ?? []).filter(
    (m) => served.length === 0 || served.includes(m.code),
  );
  // Staff acting for an organiser (a wellbeing services county) close its whole area at once.
  const organiserId = session?.role === 'ORGANISER' ? session.organiserId : undefined;
  const organiser = useQuery(YearEndOrganiser, {
    variables: { id: organiserId ?? '' },
    skip: !organiserId,
  }).data?.organiser;
  const organiserName =
    (language === 'sv' ? organiser?.nameSv : null) ?? organiser?.name ?? organiserId ?? '';
  const [municipalityCode, setMunicipalityCode] = useState(
    organiserId ? WHOLE_AREA : (served[0] ?? ''),
  );
  const [closeOrganiserYear, { loading: closingArea }] = useMutation(CloseOrganiserYear);
  const [year, setYear] = useState(String(new Date().getFullYear() - 1));
  const [confirmed, setConfirmed] = useState(false);
  const [errors, setErrors] = useState<UserError[]>([]);
  const [result, setResult] = useState<Result | null>(null);
  const [closeYear, { loading }] = useMutation(CloseYear);
  const errorsRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const { fields } = splitErrors(errors);

  function explain(e: UserError, y: number): UserError {
    if (e.code === 'YEAR_NOT_OVER') return { ...e, message: t('yearEnd.refused', { year: y }) };
    return e;
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setResult(null);
    const y = Number(year);
    const local: UserError[] = [];
    if (!municipalityCode)
      local.push({
        code: 'VALIDATION',
        message: t('yearEnd.chooseMunicipality'),
        field: 'municipalityCode',
      });
    if (!/^\d{4}$/.test(year.trim()))
      local.push({ code: 'VALIDATION', message: t('reports.yearInvalid'), field: 'year' });
    if (!confirmed)
      local.push({ code: 'VALIDATION', message: t('yearEnd.confirmFirst'), field: 'confirm' });
    let errs: UserError[] = local;
    if (local.length === 0) {
      try {
        const payload =
          municipalityCode === WHOLE_AREA && organiserId
            ? await closeOrganiserYear({ variables: { organiserId, year: y } }).then((res) => {
                const p = res.data?.closeOrganiserYear;
                if (!p) throw new Error(res.errors?.[0]?.message ?? '–');
                return { ...p, municipalityCode: WHOLE_AREA };
              })
            : (await closeYear({ variables: { municipalityCode, year: y } })).data?.closeYear;
        errs = (payload?.errors ?? []).map((x) => explain(x, y));
        if (!payload) errs = requestFailure('–');
        else if (errs.length === 0) {
          setResult(payload);
          setConfirmed(false);
          setTimeout(() => resultRef.current?.focus());
        }
      } catch (err) {
        errs = requestFailure(err);
      }
    }
    setErrors(errs);
    if (errs.length)
      setTimeout(() => errorsRef.current?.querySelector<HTMLElement>('[tabindex]')?.focus());
  }

  const name = (code: string) => {
    if (code === WHOLE_AREA) return organiserName;
    const m = municipalities.data?.municipalities.find((x) => x.code === code);
    return m ? (language === 'sv' && m.nameSv ? m.nameSv : m.name) : code;
  };

  return (
    <Page title={t('yearEnd.title')} lead={t('yearEnd.intro')}>
      <form
        onSubmit={onSubmit}
        className="form narrow"
        noValidate
        aria-busy={loading || closingArea}
      >
        <div ref={errorsRef}>
          <FormErrors errors={errors} />
        </div>
        <Select
          label={t('yearEnd.municipality')}
          value={municipalityCode}
          onChange={(e) => setMunicipalityCode(e.target.value)}
          error={fields.municipalityCode}
        >
          {served.length === 0 ? <option value="">{t('alloc.choose')}</option> : null}
          {organiserId ? (
            <option value={WHOLE_AREA}>
              {organiserName} – {WHOLE_AREA_TEXT[language] ?? WHOLE_AREA_TEXT.fi}
            </option>
          ) : null}
          {options.map((m) => (
            <option key={m.code} value={m.code}>
              {language === 'sv' && m.nameSv ? m.nameSv : m.name} ({m.code})
            </option>
          ))}
        </Select>
        <TextField
          label={t('yearEnd.year')}
          value={year}
          inputMode="numeric"
          onChange={(e) => setYear(e.target.value)}
          error={fields.year}
        />
        <div className={`checkbox${fields.confirm ? ' field-error' : ''}`}>
          <input
            id="year-end-confirm"
            type="checkbox"
            checked={confirmed}
            aria-invalid={fields.confirm ? true : undefined}
            aria-describedby={fields.confirm ? 'year-end-confirm-error' : undefined}
            onChange={(e) => setConfirmed(e.target.checked)}
          />
          <label htmlFor="year-end-confirm">
            {t('yearEnd.confirm', { year: year.trim() || '–' })}
          </label>
        </div>
        {fields.confirm ? (
          <span id="year-end-confirm-error" className="error-text">
            {fields.confirm}
          </span>
        ) : null}
        <Button type="submit" disabled={loading || closingArea}>
          {t('yearEnd.submit')}
        </Button>
      </form>
      <div role="status" aria-live="polite" className="year-end-status">
        {loading || closingArea ? (
          <div className="progress">
            <progress aria-label={t('yearEnd.running', { year })} />
            <p>{t('yearEnd.running', { year })}</p>
          </div>
        ) : null}
      </div>
      {result ? (
        <section className="card" aria-labelledby="year-end-result">
          <Heading variant="h2" id="year-end-result" tabIndex={-1} ref={resultRef}>
            {t('yearEnd.done', { year: result.year, name: name(result.municipalityCode) })}
          </Heading>
          <dl className="figures">
            <div className="figure">
              <dt>{t('yearEnd.closed')}</dt>
              <dd data-testid="closed-count">{result.closedCount}</dd>
            </div>
            <div className="figure">
              <dt>{t('yearEnd.lapsed')}</dt>
              <dd data-testid="lapsed">{money(result.lapsed, locale)}</dd>
            </div>
          </dl>
          {result.closedCount === 0 ? <p>{t('yearEnd.nothing')}</p> : null}
        </section>
      ) : null}
    </Page>
  );
}
