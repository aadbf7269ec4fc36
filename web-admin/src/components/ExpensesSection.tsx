import { useMutation, useQuery, useApolloClient } from '@apollo/client';
import { useId, useState, type FormEvent } from 'react';
import { Button, Heading, InlineAlert } from 'suomifi-ui-components';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import { date, money, todayInFinland } from '../format';
import { FormErrors, QueryState, TextField } from './common';
import { useMutationForm } from './useMutationForm';
import { TEXT, fill, type Texts } from './expenses/expenses.texts';

const ClientExpenses = graphql(`
  query ClientExpenses($id: ID!) {
    client(id: $id) {
      id
      budgets {
        id
        year
        commitments {
          id
          payeeKind
          status
          validFrom
          validTo
          amount {
            amount
            currency
          }
          remaining {
            amount
            currency
          }
          expenses {
            id
            status
            expenseDate
            description
            decisionReason
            receiptName
            amount {
              amount
              currency
            }
          }
        }
      }
    }
  }
`);

const SubmitExpense = graphql(`
  mutation SubmitExpense($input: SubmitExpenseInput!) {
    submitExpense(input: $input) {
      expense {
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

const DecideExpense = graphql(`
  mutation DecideExpense($id: ID!, $approve: Boolean!, $reason: String) {
    decideExpense(expenseId: $id, approve: $approve, reason: $reason) {
      expense {
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

const ExpenseReceipt = graphql(`
  query ExpenseReceipt($id: ID!) {
    expense(id: $id) {
      id
      receipt {
        fileName
        contentType
        contentBase64
      }
    }
  }
`);

/** Reads a chosen file as base64 (without the `data:` prefix). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      // readAsDataURL gives a string.
      resolve((typeof reader.result === 'string' ? reader.result : '').replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/**
 * Kulut (taloudellinen tuki): financial support paid to the client herself. The client (or her
 * team member with budget consent) sends an expense with its receipt on a commitment payable
 * to her; her own worker or HB adviser sees the receipt and approves or rejects it.
 *
 * Its texts are in expenses/expenses.texts.ts: they belong to this section.
 */
export function ExpensesSection({ clientId, mine }: { clientId: string; mine: boolean }) {
  const { language, locale } = useI18n();
  const x = TEXT[language];
  const headingId = useId();
  const { data, loading, error, refetch } = useQuery(ClientExpenses, {
    variables: { id: clientId },
  });
  const [done, setDone] = useState<string | null>(null);
  const support = (data?.client?.budgets ?? []).flatMap((b) =>
    b.commitments.filter((c) => c.payeeKind === 'CLIENT').map((c) => ({ ...c, year: b.year })),
  );
  if (!loading && !error && support.length === 0) return null;
  return (
    <section aria-labelledby={headingId} className="card my-section" data-testid="expenses">
      <Heading variant="h2" id={headingId}>
        {x.heading}
      </Heading>
      <div role="status">{done ? <InlineAlert status="neutral">{done}</InlineAlert> : null}</div>
      <QueryState loading={loading} error={error} hasData={!!data?.client} optional>
        {support.map((c) => (
          <div key={c.id} className="expense-commitment">
            <p>
              {fill(x.commitment, {
                year: String(c.year),
                amount: money(c.amount, locale),
                remaining: money(c.remaining, locale),
                from: date(c.validFrom, locale),
                to: date(c.validTo, locale),
              })}
            </p>
            {c.expenses.length === 0 ? <p>{x.none}</p> : null}
            <ul className="my-list">
              {c.expenses.map((e) => (
                <li key={e.id} data-testid="expense">
                  <p>
                    <strong>{x.status[e.status]}</strong>
                    {' · '}
                    {fill(x.line, {
                      date: date(e.expenseDate, locale),
                      description: e.description,
                      amount: money(e.amount, locale),
                    })}
                  </p>
                  {e.decisionReason ? <p>{fill(x.reason, { reason: e.decisionReason })}</p> : null}
                  <ReceiptLink id={e.id} label={`${x.showReceipt}: ${e.receiptName}`} />
                  {!mine && e.status === 'SUBMITTED' ? (
                    <Decide
                      id={e.id}
                      x={x}
                      onDone={() => {
                        setDone(x.decided);
                        void refetch();
                      }}
                    />
                  ) : null}
                </li>
              ))}
            </ul>
            {mine && c.status === 'ACTIVE' ? (
              <SubmitForm
                commitmentId={c.id}
                x={x}
                onDone={() => {
                  setDone(x.sent);
                  void refetch();
                }}
              />
            ) : null}
          </div>
        ))}
      </QueryState>
    </section>
  );
}

function ReceiptLink({ id, label }: { id: string; label: string }) {
  const client = useApolloClient();
  const [failed, setFailed] = useState<string | null>(null);
  const open = async () => {
    setFailed(null);
    try {
      const res = await client.query({
        query: ExpenseReceipt,
        variables: { id },
        fetchPolicy: 'no-cache',
      });
      const r = res.data.expense?.receipt;
      if (!r) return;
      const bytes = Uint8Array.from(atob(r.contentBase64), (ch) => ch.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: r.contentType }));
      const a = document.createElement('a');
      a.href = url;
      a.download = r.fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setFailed(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <p>
      <Button variant="secondaryNoBorder" onClick={() => void open()}>
        {label}
      </Button>
      {failed ? <span className="error-text"> {failed}</span> : null}
    </p>
  );
}

function Decide({ id, x, onDone }: { id: string; x: Texts; onDone: () => void }) {
  const [decide, { loading }] = useMutation(DecideExpense);
  const [reason, setReason] = useState('');
  const { errors, fields, submit } = useMutationForm();
  const send = async (approve: boolean) => {
    await submit({
      run: async () =>
        (await decide({ variables: { id, approve, reason: reason.trim() || null } })).data
          ?.decideExpense,
      onSuccess: onDone,
    });
  };
  return (
    <div className="expense-decide">
      <FormErrors errors={errors} />
      <TextField
        label={x.rejectReason}
        value={reason}
        error={fields.reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <div className="actions">
        <Button disabled={loading} onClick={() => void send(true)}>
          {x.approve}
        </Button>
        <Button variant="secondary" disabled={loading} onClick={() => void send(false)}>
          {x.reject}
        </Button>
      </div>
    </div>
  );
}

function SubmitForm({
  commitmentId,
  x,
  onDone,
}: {
  commitmentId: string;
  x: Texts;
  onDone: () => void;
}) {
  const [submit, { loading }] = useMutation(SubmitExpense);
  const [amount, setAmount] = useState('');
  const [spentOn, setSpentOn] = useState(todayInFinland);
  const [description, setDescription] = useState('');
  const [holder, setHolder] = useState('');
  const [iban, setIban] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const { errors, setErrors, fields, submit: submitForm } = useMutationForm();
  const fileId = useId();
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setErrors([{ code: 'VALIDATION', message: x.noFile, field: 'input.receiptBase64' }]);
      return;
    }
    await submitForm({
      run: async () => {
        const input = {
          commitmentId,
          amount: amount.replace(',', '.').trim(),
          expenseDate: spentOn,
          description,
          accountHolder: holder,
          iban,
          receiptBase64: await readBase64(file),
          receiptFileName: file.name,
        };
        return (await submit({ variables: { input } })).data?.submitExpense;
      },
      onSuccess: () => {
        setAmount('');
        setDescription('');
        setFile(null);
        onDone();
      },
    });
  };
  return (
    <form className="expense-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <Heading variant="h3">{x.add}</Heading>
      <FormErrors errors={errors} />
      <TextField
        label={x.amount}
        inputMode="decimal"
        value={amount}
        error={fields.amount}
        onChange={(e) => setAmount(e.target.value)}
      />
      <TextField
        label={x.spentOn}
        type="date"
        value={spentOn}
        error={fields.expenseDate}
        onChange={(e) => setSpentOn(e.target.value)}
      />
      <TextField
        label={x.description}
        value={description}
        error={fields.description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <TextField
        label={x.holder}
        autoComplete="name"
        value={holder}
        error={fields.accountHolder}
        onChange={(e) => setHolder(e.target.value)}
      />
      <TextField
        label={x.iban}
        value={iban}
        error={fields.iban}
        onChange={(e) => setIban(e.target.value)}
      />
      <div className={`field${fields.receiptBase64 ? ' field-error' : ''}`}>
        <label htmlFor={fileId}>{x.receipt}</label>
        <input
          id={fileId}
          type="file"
          accept="image/jpeg,image/png,application/pdf"
          aria-invalid={fields.receiptBase64 ? true : undefined}
          aria-describedby={fields.receiptBase64 ? `${fileId}-error` : undefined}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        {fields.receiptBase64 ? (
          <span id={`${fileId}-error`} className="error-text">
            {fields.receiptBase64}
          </span>
        ) : null}
      </div>
      <Button type="submit" disabled={loading}>
        {x.send}
      </Button>
    </form>
  );
}
