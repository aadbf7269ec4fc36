import { useMutation, useQuery } from '@apollo/client';
import { useId, useState, type FormEvent } from 'react';
import { Button, Heading, InlineAlert } from 'suomifi-ui-components';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import { date } from '../format';
import type { MessageKey } from '../messages';
import { Select } from './common';
import { useMutationForm } from './useMutationForm';

const FileComplaint = graphql(`
  mutation MyFileComplaint($input: ComplaintInput!) {
    fileComplaint(input: $input) {
      complaint {
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

const MyComplaintList = graphql(`
  query MyComplaints {
    complaints(first: 20) {
      edges {
        node {
          id
          status
          text
          answer
          createdAt
          provider {
            id
            name
          }
        }
      }
    }
  }
`);

/**
 * Reklamaatio from the client's own pages: about a provider of her plan or the HB centre
 * itself. The client also follows her complaints' state and reads the centre's answer; a team
 * member (with her consent) may file one but lists none, as the API lets only the client read
 * them.
 */
export function MyComplaints({
  clientId,
  providers,
  isClient,
}: {
  clientId: string;
  providers: ReadonlyMap<string, string>;
  isClient: boolean;
}) {
  const { t, locale } = useI18n();
  const [target, setTarget] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { result, submit } = useMutationForm();
  const list = useQuery(MyComplaintList, { skip: !isClient });
  const [file, filing] = useMutation(FileComplaint, {
    refetchQueries: isClient ? ['MyComplaints'] : [],
  });
  const textId = useId();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) {
      setError(t('myComplaint.required'));
      document.getElementById(textId)?.focus();
      return;
    }
    const input = { clientId, providerId: target || null, text: text.trim() };
    void submit({
      run: async () => (await file({ variables: { input } })).data?.fileComplaint,
      onSuccess: () => setText(''),
      confirmation: () => t('myComplaint.sent'),
    }).then((outcome) => {
      const onText = outcome.ok ? undefined : outcome.errors.find((x) => x.field === 'input.text');
      if (onText) setError(onText.message);
    });
  };
  const mine = list.data?.complaints.edges.map((e) => e.node) ?? [];
  return (
    <section aria-labelledby="my-complaint" className="card my-section">
      <Heading variant="h2" id="my-complaint">
        {t('myComplaint.title')}
      </Heading>
      <p>{t('myComplaint.lead')}</p>
      <form onSubmit={onSubmit} className="my-form" noValidate>
        <Select
          label={t('myComplaint.target')}
          value={target}
          onChange={(e) => setTarget(e.target.value)}
        >
          <option value="">{t('feedback.targetCentre')}</option>
          {[...providers].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </Select>
        <div className={`field${error ? ' field-error' : ''}`}>
          <label htmlFor={textId}>{t('myComplaint.text')}</label>
          <textarea
            id={textId}
            rows={4}
            value={text}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${textId}-error` : undefined}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
          />
          {error ? (
            <span id={`${textId}-error`} className="error-text">
              {error}
            </span>
          ) : null}
        </div>
        <div role="status">
          {result ? (
            <InlineAlert status={result.ok ? 'neutral' : 'error'}>{result.text}</InlineAlert>
          ) : null}
        </div>
        <div className="my-actions">
          <Button type="submit" disabled={filing.loading}>
            {t('myComplaint.send')}
          </Button>
        </div>
      </form>
      {mine.length > 0 ? (
        <>
          <Heading variant="h3" as="h3">
            {t('myComplaint.mine')}
          </Heading>
          <ul className="my-list" aria-label={t('myComplaint.mine')}>
            {mine.map((c) => (
              <li key={c.id} className="my-item" data-complaint={c.id}>
                <p className="muted">
                  {date(c.createdAt, locale)} · {c.provider?.name ?? t('feedback.targetCentre')}
                </p>
                <p className="my-text">{c.text}</p>
                <p data-testid="my-complaint-status">
                  {t('myComplaint.status', {
                    status: t(`complaints.status.${c.status}` as MessageKey),
                  })}
                </p>
                {c.answer ? <p>{t('myComplaint.answer', { answer: c.answer })}</p> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
