import { useMutation } from '@apollo/client';
import { useState } from 'react';
import { Button } from 'suomifi-ui-components';
import { useAuth } from '../auth';
import { requestFailure } from '../components/common';
import { graphql } from '../gql';
import { useI18n } from '../i18n';

const MarkPaid = graphql(`
  mutation MarkPaymentBatchPaid($batchId: ID!) {
    markPaymentBatchPaid(batchId: $batchId) {
      batch {
        id
        status
        paidOn
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
 * The files need the bearer token, so a plain link would not do: each button fetches the file
 * with the Authorization header and saves it through a temporary object URL.
 */
export function BatchActions({
  id,
  reference,
  status,
  onChange,
}: {
  id: string;
  reference: string;
  status: string;
  onChange: () => void;
}) {
  const { t } = useI18n();
  const { session } = useAuth();
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [markPaid] = useMutation(MarkPaid);

  async function download(file: 'pain001.xml' | 'batch.csv') {
    setBusy(true);
    setMessage(null);
    const name = file === 'pain001.xml' ? `${reference}.pain001.xml` : `${reference}.csv`;
    try {
      const res = await fetch(`/settlements/${id}/${file}`, {
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
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setMessage({ text: t('reports.downloaded', { file: name }), error: false });
      if (file === 'pain001.xml') onChange();
    } catch (err) {
      setMessage({
        text: t('reports.downloadFailed', {
          message: err instanceof Error ? err.message : String(err),
        }),
        error: true,
      });
    } finally {
      setBusy(false);
    }
  }

  async function paid() {
    setBusy(true);
    setMessage(null);
    try {
      const res = await markPaid({ variables: { batchId: id } });
      const errs = res.data?.markPaymentBatchPaid.errors ?? [];
      if (errs.length) setMessage({ text: errs.map((e) => e.message).join(' '), error: true });
      else {
        setMessage({ text: t('settlement.markedPaid', { reference }), error: false });
        onChange();
      }
    } catch (err) {
      setMessage({ text: requestFailure(err)[0]?.message ?? '–', error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="batch-actions">
      <ul className="button-list">
        {status !== 'PAID' ? (
          <li>
            <Button
              variant="secondary"
              disabled={busy}
              aria-label={t('settlement.bankFileOf', { reference })}
              onClick={() => void download('pain001.xml')}
            >
              {t('settlement.bankFile')}
            </Button>
          </li>
        ) : null}
        <li>
          <Button
            variant="secondary"
            disabled={busy}
            aria-label={t('settlement.csvOf', { reference })}
            onClick={() => void download('batch.csv')}
          >
            {t('settlement.csv')}
          </Button>
        </li>
        {status === 'EXPORTED' ? (
          <li>
            <Button
              disabled={busy}
              aria-label={t('settlement.markPaidOf', { reference })}
              onClick={() => void paid()}
            >
              {t('settlement.markPaid')}
            </Button>
          </li>
        ) : null}
      </ul>
      <p role="status" className={message?.error ? 'error-text' : 'muted'}>
        {message?.text ?? ''}
      </p>
    </div>
  );
}
