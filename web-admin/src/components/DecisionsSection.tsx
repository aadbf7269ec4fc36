import { useMutation, useQuery } from '@apollo/client';
import { useId, useState, type FormEvent } from 'react';
import { Button, Heading } from 'suomifi-ui-components';
import { useAuth } from '../auth';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import { date, money } from '../format';
import { FormErrors, QueryState } from './common';
import { useMutationForm } from './useMutationForm';
import { useServiceTypeName } from './catalogue';
import { EndBudgetForm } from './decisions/EndBudgetForm';
import { fill, textsOf } from './decisions/decisions.texts';

const ClientDecisions = graphql(`
  query ClientDecisions($id: ID!) {
    client(id: $id) {
      id
      budgets {
        id
        year
        status
        serviceType {
          code
          name
        }
        decisions {
          id
          kind
          version
          decidedOn
          deciderName
          amount {
            amount
            currency
          }
          appealDeadline
          document
          appeals {
            id
            status
            filedAt
            outcome
            outcomeReasoning
          }
        }
      }
    }
  }
`);

const DecideAppeal = graphql(`
  mutation DecideAppeal($appealId: ID!, $input: DecideAppealInput!) {
    decideAppeal(appealId: $appealId, input: $input) {
      appeal {
        id
        status
        outcome
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

const FileAppeal = graphql(`
  mutation FileAppeal($decisionId: ID!, $input: FileAppealInput!) {
    fileAppeal(decisionId: $decisionId, input: $input) {
      appeal {
        id
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

/**
 * Päätökset: a client's decisions on her budgets, each with its archived PDF (downloaded with
 * the bearer token from the gateway's /decisions/{id}/document.pdf). Staff see them on the
 * client's page; the client sees her own and files an appeal (oikaisuvaatimus) on one.
 *
 * Its texts are in decisions/decisions.texts.ts: they belong to this section.
 */
export function DecisionsSection({ clientId, mine }: { clientId: string; mine: boolean }) {
  const { language, locale } = useI18n();
  const serviceName = useServiceTypeName();
  const x = textsOf(language);
  const { data, loading, error, refetch } = useQuery(ClientDecisions, {
    variables: { id: clientId },
  });
  const decisions = (data?.client?.budgets ?? [])
    .flatMap((b) => b.decisions.map((d) => ({ ...d, budget: b })))
    .sort((a, b) => (a.decidedOn < b.decidedOn ? 1 : a.decidedOn > b.decidedOn ? -1 : 0));
  const headingId = useId();
  // Kept here: the ended budget's form goes away with the refetch that shows the ending.
  const [endedNote, setEndedNote] = useState<string | null>(null);
  return (
    <section aria-labelledby={headingId} className="card my-section" data-testid="decisions">
      <Heading variant="h2" id={headingId}>
        {x.heading}
      </Heading>
      <QueryState loading={loading} error={error} hasData={!!data?.client}>
        {decisions.length === 0 ? (
          <p>{x.none}</p>
        ) : (
          <ul className="my-list">
            {decisions.map((d) => (
              <li key={d.id} className="my-item" data-testid="decision">
                <p>
                  <strong>
                    {fill(x.line, {
                      kind: x.kind[d.kind],
                      version: d.version,
                      service: serviceName(d.budget.serviceType),
                      year: d.budget.year,
                      date: date(d.decidedOn, locale),
                      decider: d.deciderName,
                    })}
                  </strong>
                </p>
                <p>{fill(x.amount, { amount: money(d.amount, locale) })}</p>
                <p className="muted">
                  {fill(x.deadline, { date: date(d.appealDeadline, locale) })}
                </p>
                <Download href={d.document} file={`paatos-${d.decidedOn}-v${d.version}.pdf`} />
                {d.appeals.length > 0 ? (
                  <>
                    <Heading variant="h3" as="h3">
                      {x.appeals}
                    </Heading>
                    <ul>
                      {d.appeals.map((a) => (
                        <li key={a.id} data-testid="appeal">
                          <span>
                            {fill(x.appeal, {
                              status: x.status[a.status],
                              date: date(a.filedAt.slice(0, 10), locale),
                            })}
                            {a.outcome ? (
                              <>
                                {' · '}
                                {fill(x.outcome, { outcome: x.outcomes[a.outcome] })}
                                {a.outcomeReasoning ? ` – ${a.outcomeReasoning}` : ''}
                              </>
                            ) : null}
                          </span>
                          {!mine && a.status !== 'DECIDED' ? (
                            <AppealDecisionForm appealId={a.id} onDecided={() => void refetch()} />
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
                {mine ? <AppealForm decisionId={d.id} onFiled={() => void refetch()} /> : null}
              </li>
            ))}
          </ul>
        )}
        {endedNote ? <p role="status">{endedNote}</p> : null}
        {mine
          ? null
          : (data?.client?.budgets ?? [])
              .filter((b) => b.status === 'ACTIVE' || b.status === 'DECIDED')
              .map((b) => (
                <EndBudgetForm
                  key={b.id}
                  budgetId={b.id}
                  title={fill(x.endFor, { service: serviceName(b.serviceType), year: b.year })}
                  onEnded={(note) => {
                    setEndedNote(note);
                    void refetch();
                  }}
                />
              ))}
      </QueryState>
    </section>
  );
}

function Download({ href, file }: { href: string; file: string }) {
  const { language } = useI18n();
  const x = textsOf(language);
  const { session } = useAuth();
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  async function download() {
    setBusy(true);
    setMessage(null);
    try {
      const res = await fetch(href, {
        headers: session ? { authorization: `Bearer ${session.token}` } : {},
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as {
          errors?: Array<{ message: string }>;
        } | null;
        throw new Error(body?.errors?.[0]?.message ?? `HTTP ${res.status}`);
      }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = file;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setMessage({ text: fill(x.downloaded, { file }), error: false });
    } catch (err) {
      setMessage({
        text: fill(x.failed, { message: err instanceof Error ? err.message : String(err) }),
        error: true,
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <Button variant="secondary" disabled={busy} onClick={() => void download()}>
        {x.download}
      </Button>
      {message ? (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error-text' : ''}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
}

function AppealForm({ decisionId, onFiled }: { decisionId: string; onFiled: () => void }) {
  const { language } = useI18n();
  const x = textsOf(language);
  const [open, setOpen] = useState(false);
  const [demand, setDemand] = useState('');
  const [reasons, setReasons] = useState('');
  const [done, setDone] = useState(false);
  const [fileAppeal, { loading }] = useMutation(FileAppeal);
  const { errors, setErrors, fields, submit } = useMutationForm();
  const id = useId();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setErrors([]);
    await submit({
      run: async () =>
        (await fileAppeal({ variables: { decisionId, input: { demand, reasons } } })).data
          ?.fileAppeal,
      onSuccess: () => {
        setDone(true);
        setOpen(false);
        setDemand('');
        setReasons('');
        onFiled();
      },
    });
  }

  if (!open) {
    return (
      <div>
        {done ? <p role="status">{x.filed}</p> : null}
        <Button variant="secondaryNoBorder" onClick={() => setOpen(true)}>
          {x.file}
        </Button>
      </div>
    );
  }
  return (
    <form onSubmit={(e) => void onSubmit(e)} aria-label={x.file} noValidate>
      <FormErrors errors={errors} />
      <div className={`field${fields.demand ? ' field-error' : ''}`}>
        <label htmlFor={`${id}-demand`}>{x.demand}</label>
        <textarea
          id={`${id}-demand`}
          rows={2}
          value={demand}
          required
          maxLength={2000}
          aria-invalid={fields.demand ? true : undefined}
          onChange={(e) => setDemand(e.target.value)}
        />
      </div>
      <div className={`field${fields.reasons ? ' field-error' : ''}`}>
        <label htmlFor={`${id}-reasons`}>{x.reasons}</label>
        <textarea
          id={`${id}-reasons`}
          rows={4}
          value={reasons}
          required
          maxLength={5000}
          aria-invalid={fields.reasons ? true : undefined}
          onChange={(e) => setReasons(e.target.value)}
        />
      </div>
      <Button type="submit" disabled={loading}>
        {x.send}
      </Button>
    </form>
  );
}

const OUTCOMES = ['UPHELD', 'PARTLY_UPHELD', 'REJECTED', 'DISMISSED'] as const;

function AppealDecisionForm({ appealId, onDecided }: { appealId: string; onDecided: () => void }) {
  const { language } = useI18n();
  const x = textsOf(language);
  const [outcome, setOutcome] = useState<(typeof OUTCOMES)[number]>('REJECTED');
  const [reasoning, setReasoning] = useState('');
  const [decideAppeal, { loading }] = useMutation(DecideAppeal);
  const { errors, setErrors, submit } = useMutationForm();
  const id = useId();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setErrors([]);
    await submit({
      run: async () =>
        (await decideAppeal({ variables: { appealId, input: { outcome, reasoning } } })).data
          ?.decideAppeal,
      onSuccess: onDecided,
    });
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} aria-label={x.decideAppeal} noValidate>
      <FormErrors errors={errors} />
      <div className="field">
        <label htmlFor={`${id}-outcome`}>{x.outcomeLabel}</label>
        <select
          id={`${id}-outcome`}
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as (typeof OUTCOMES)[number])}
        >
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {x.outcomes[o]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-reasoning`}>{x.reasoning}</label>
        <textarea
          id={`${id}-reasoning`}
          rows={3}
          value={reasoning}
          maxLength={5000}
          onChange={(e) => setReasoning(e.target.value)}
        />
      </div>
      <Button type="submit" disabled={loading}>
        {x.saveOutcome}
      </Button>
    </form>
  );
}
