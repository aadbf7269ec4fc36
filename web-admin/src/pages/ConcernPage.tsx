import { useMutation, useQuery } from '@apollo/client';
import { useRef, useState, type FormEvent } from 'react';
import { Button, InlineAlert } from 'suomifi-ui-components';
import { Page } from '../components/Page';
import { FormErrors, QueryState, Select } from '../components/common';
import { useMutationForm } from '../components/useMutationForm';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useServiceTypeName } from '../components/catalogue';

const ConcernCommitments = graphql(`
  query ConcernCommitments {
    myCommitments(status: [ACTIVE], first: 100) {
      edges {
        node {
          id
          clientFirstName
          budgetYear
          serviceType {
            code
            name
          }
        }
      }
    }
  }
`);

const RaiseConcern = graphql(`
  mutation RaiseConcern($input: RaiseConcernInput!) {
    raiseConcern(input: $input) {
      concern {
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

const KINDS = ['ABNORMAL_USE', 'NEED_NOT_MET'] as const;

/** A provider tells a client's own worker of abnormal service use or an unmet need. */
export function ConcernPage() {
  const { t } = useI18n();
  const serviceName = useServiceTypeName();
  const commitments = useQuery(ConcernCommitments);
  const options = commitments.data?.myCommitments.edges.map((e) => e.node) ?? [];
  const [chosen, setChosen] = useState('');
  const commitmentId = chosen || options[0]?.id || '';
  const [kind, setKind] = useState<(typeof KINDS)[number]>('ABNORMAL_USE');
  const [message, setMessage] = useState('');
  const [sent, setSent] = useState(false);
  const [raise, { loading }] = useMutation(RaiseConcern);
  const errorsRef = useRef<HTMLDivElement>(null);
  const { errors, fields, submit } = useMutationForm();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSent(false);
    const outcome = await submit({
      run: async () =>
        (await raise({ variables: { input: { commitmentId, kind, message } } })).data?.raiseConcern,
      onSuccess: () => {
        setSent(true);
        setMessage('');
      },
    });
    if (!outcome.ok) errorsRef.current?.focus();
  }

  return (
    <Page title={t('concern.title')} lead={t('concern.lead')}>
      <QueryState
        loading={commitments.loading}
        error={commitments.error}
        hasData={!!commitments.data}
        onRetry={() => void commitments.refetch()}
      >
        {options.length === 0 ? (
          <p>{t('concern.none')}</p>
        ) : (
          <form className="form" onSubmit={(e) => void onSubmit(e)} aria-label={t('concern.title')}>
            <div ref={errorsRef} tabIndex={-1}>
              <FormErrors errors={errors} />
            </div>
            <Select
              label={t('concern.commitment')}
              value={commitmentId}
              onChange={(e) => setChosen(e.target.value)}
              error={fields.commitmentId}
              name="commitmentId"
            >
              {options.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.clientFirstName} · {serviceName(c.serviceType)} {c.budgetYear}
                </option>
              ))}
            </Select>
            <Select
              label={t('concern.kind')}
              value={kind}
              onChange={(e) => setKind(e.target.value as (typeof KINDS)[number])}
              name="kind"
            >
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`concern.kind.${k}` as MessageKey)}
                </option>
              ))}
            </Select>
            <div className={`field${fields.message ? ' field-error' : ''}`}>
              <label htmlFor="concern-message">{t('concern.message')}</label>
              <textarea
                id="concern-message"
                value={message}
                maxLength={2000}
                rows={5}
                required
                aria-invalid={fields.message ? true : undefined}
                aria-describedby={fields.message ? 'concern-message-error' : undefined}
                onChange={(e) => setMessage(e.target.value)}
              />
              {fields.message ? (
                <span id="concern-message-error" className="error-text">
                  {fields.message}
                </span>
              ) : null}
            </div>
            <Button type="submit" disabled={loading || !commitmentId}>
              {t('concern.submit')}
            </Button>
            {sent ? (
              <InlineAlert status="neutral" role="status">
                {t('concern.sent')}
              </InlineAlert>
            ) : null}
          </form>
        )}
      </QueryState>
    </Page>
  );
}
