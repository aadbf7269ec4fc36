import { useMutation, useQuery } from '@apollo/client';
import { useRef, useState, type FormEvent } from 'react';
import { Button, Heading } from 'suomifi-ui-components';
import { DEMO_USERS, useAuth } from '../auth';
import { Page } from '../components/Page';
import { BatchActions } from './SettlementBatchActions';
import {
  FormErrors,
  QueryState,
  Select,
  TextField,
  requestFailure,
  type UserError,
} from '../components/common';
import { useMutationForm } from '../components/useMutationForm';
import { graphql } from '../gql';
import { useI18n, type Language } from '../i18n';
import { date, dateTime, money, todayInFinland } from '../format';

const Municipalities = graphql(`
  query SettlementMunicipalities {
    municipalities {
      code
      name
      nameSv
    }
  }
`);

const Batches = graphql(`
  query PaymentBatches($municipalityCode: ID, $organiserId: ID) {
    paymentBatches(municipalityCode: $municipalityCode, organiserId: $organiserId, first: 50) {
      totalCount
      edges {
        node {
          id
          reference
          status
          periodFrom
          periodTo
          lineCount
          createdAt
          paidOn
          payeeName
          payee {
            id
            name
          }
          total {
            amount
            currency
          }
        }
      }
    }
  }
`);

const SettlementOrganiser = graphql(`
  query SettlementOrganiser($id: ID!) {
    organiser(id: $id) {
      id
      name
      nameSv
    }
  }
`);

/** The choice that settles the whole area of the organiser at once (issue 18 item 3). */
const WHOLE_AREA = 'organiser';
const WHOLE_AREA_TEXT: Partial<Record<Language, string>> = {
  fi: 'koko alue',
  sv: 'hela området',
  en: 'whole area',
  selko: 'koko alue',
};

const RunSettlement = graphql(`
  mutation RunSettlement($input: RunSettlementInput!) {
    runSettlement(input: $input) {
      chargeCount
      batches {
        id
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

/** Today in Finland and the first day of its month, `YYYY-MM-DD`. */
function defaultPeriod(): { from: string; to: string } {
  const today = todayInFinland();
  return { from: `${today.slice(0, 8)}01`, to: today };
}

/**
 * Organiser staff: settlement (tilitys) and payment batches (maksuerät). A run puts every
 * confirmed, unsettled charge of the period into one batch per payee; each batch downloads as
 * the bank's pain.001 file (taking it marks the batch exported) and as a CSV for the finance
 * system, and is marked paid when the bank has paid it.
 */
export function SettlementPage() {
  const { t, language, locale } = useI18n();
  const { session } = useAuth();
  const served: readonly string[] =
    (session?.role === 'ORGANISER'
      ? (session.municipalities ?? DEMO_USERS.ORGANISER.municipalities)
      : undefined) ?? [];
  const municipalities = useQuery(Municipalities);
  const options = (municipalities.data?.municipalities ?? []).filter(
    (m) => served.length === 0 || served.includes(m.code),
  );
  // Staff acting for an organiser (a wellbeing services county) settle its whole area at once:
  // one batch per payee however many of its municipalities the payee served.
  const organiserId = session?.role === 'ORGANISER' ? session.organiserId : undefined;
  const organiser = useQuery(SettlementOrganiser, {
    variables: { id: organiserId ?? '' },
    skip: !organiserId,
  }).data?.organiser;
  const organiserName =
    (language === 'sv' ? organiser?.nameSv : null) ?? organiser?.name ?? organiserId ?? '';
  const [municipalityCode, setMunicipalityCode] = useState(
    organiserId ? WHOLE_AREA : (served[0] ?? ''),
  );
  const wholeArea = municipalityCode === WHOLE_AREA && !!organiserId;
  const scope = wholeArea ? { organiserId } : { municipalityCode };
  const [from, setFrom] = useState(defaultPeriod().from);
  const [to, setTo] = useState(defaultPeriod().to);
  const [outcome, setOutcome] = useState<string>('');
  const batches = useQuery(Batches, {
    variables: scope,
    skip: !municipalityCode,
    fetchPolicy: 'cache-and-network',
  });
  const [runSettlement, { loading }] = useMutation(RunSettlement);
  const errorsRef = useRef<HTMLDivElement>(null);
  const { errors, setErrors, fields, submit } = useMutationForm();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setOutcome('');
    const local: UserError[] = [];
    if (!municipalityCode)
      local.push({
        code: 'VALIDATION',
        message: t('yearEnd.chooseMunicipality'),
        field: 'municipalityCode',
      });
    for (const [field, value] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value.trim()))
        local.push({ code: 'VALIDATION', message: t('settlement.dateInvalid'), field });
    }
    const focusErrors = () =>
      setTimeout(() => errorsRef.current?.querySelector<HTMLElement>('[tabindex]')?.focus());
    if (local.length > 0) {
      setErrors(local);
      focusErrors();
      return;
    }
    const input = { ...scope, from: from.trim(), to: to.trim() };
    const outcome = await submit({
      run: async () => (await runSettlement({ variables: { input } })).data?.runSettlement,
      onSuccess: (payload) =>
        setOutcome(
          payload.chargeCount === 0
            ? t('settlement.nothing')
            : t('settlement.done', {
                charges: payload.chargeCount,
                batches: payload.batches.length,
              }),
        ),
    });
    if (!outcome.ok) {
      focusErrors();
      return;
    }
    await batches.refetch().catch((err: unknown) => {
      setErrors(requestFailure(err));
      focusErrors();
    });
  }

  return (
    <Page title={t('settlement.title')} lead={t('settlement.intro')}>
      <form
        onSubmit={onSubmit}
        className="form narrow"
        noValidate
        aria-busy={loading}
        aria-label={t('settlement.run')}
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
          label={t('settlement.from')}
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          error={fields.from}
        />
        <TextField
          label={t('settlement.to')}
          value={to}
          onChange={(e) => setTo(e.target.value)}
          error={fields.to}
        />
        <Button type="submit" disabled={loading}>
          {t('settlement.submit')}
        </Button>
      </form>
      <p role="status" aria-live="polite" className="settlement-status">
        {outcome}
      </p>
      <Heading variant="h2">{t('settlement.batches')}</Heading>
      <QueryState loading={batches.loading} error={batches.error} hasData={!!batches.data}>
        {batches.data?.paymentBatches.totalCount ? (
          <table className="table payment-batches">
            <caption className="visually-hidden">{t('settlement.batches')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('settlement.colReference')}</th>
                <th scope="col">{t('settlement.colPayee')}</th>
                <th scope="col">{t('settlement.colPeriod')}</th>
                <th scope="col">{t('settlement.colLines')}</th>
                <th scope="col">{t('settlement.colTotal')}</th>
                <th scope="col">{t('settlement.colStatus')}</th>
                <th scope="col">{t('settlement.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {batches.data.paymentBatches.edges.map(({ node: b }) => (
                <tr key={b.id} data-batch-status={b.status}>
                  <th scope="row">{b.reference}</th>
                  <td>{b.payee?.name ?? b.payeeName ?? b.payee?.id ?? ''}</td>
                  <td>
                    {date(b.periodFrom, locale)}–{date(b.periodTo, locale)}
                  </td>
                  <td className="num">{b.lineCount}</td>
                  <td className="num">{money(b.total, locale)}</td>
                  <td>
                    {t(`batchStatus.${b.status}`)}
                    {b.paidOn ? ` ${date(b.paidOn, locale)}` : ''}
                    <span className="visually-hidden">
                      {' '}
                      {t('settlement.createdAt', { at: dateTime(b.createdAt, locale) })}
                    </span>
                  </td>
                  <td>
                    <BatchActions
                      id={b.id}
                      reference={b.reference}
                      status={b.status}
                      onChange={() => void batches.refetch()}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t('settlement.none')}</p>
        )}
      </QueryState>
    </Page>
  );
}
