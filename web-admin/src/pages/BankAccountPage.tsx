import { useMutation, useQuery } from '@apollo/client';
import { useRef, useState, type FormEvent } from 'react';
import { Button } from 'suomifi-ui-components';
import { useAuth } from '../auth';
import { Page } from '../components/Page';
import { FormErrors, QueryState, TextField } from '../components/common';
import { useMutationForm } from '../components/useMutationForm';
import { graphql } from '../gql';
import { useI18n } from '../i18n';

const Account = graphql(`
  query ProviderBankAccount($id: ID!) {
    provider(id: $id) {
      id
      name
      iban
      bic
    }
  }
`);

const SetAccount = graphql(`
  mutation SetProviderPaymentAccount($input: SetProviderPaymentAccountInput!) {
    setProviderPaymentAccount(input: $input) {
      provider {
        id
        iban
        bic
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

/** IBAN in groups of four, as people read it. */
const grouped = (iban: string) => iban.replace(/(.{4})/g, '$1 ').trim();

/**
 * A provider's bank account (tilinumero) for the organiser's payments: the IBAN is checked by
 * the API (country, length, check digits, a SEPA country), the BIC is optional.
 */
export function BankAccountPage() {
  const { t } = useI18n();
  const { session } = useAuth();
  const providerId = session?.providerId ?? '';
  const account = useQuery(Account, { variables: { id: providerId }, skip: !providerId });
  const [iban, setIban] = useState('');
  const [bic, setBic] = useState('');
  const [saved, setSaved] = useState('');
  const [setAccount, { loading }] = useMutation(SetAccount);
  const errorsRef = useRef<HTMLDivElement>(null);
  const { errors, setErrors, fields, submit } = useMutationForm();
  const current = account.data?.provider;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSaved('');
    const focusErrors = () =>
      setTimeout(() => errorsRef.current?.querySelector<HTMLElement>('[tabindex]')?.focus());
    if (!iban.trim()) {
      setErrors([{ code: 'VALIDATION', message: t('bank.ibanRequired'), field: 'input.iban' }]);
      focusErrors();
      return;
    }
    const input = { providerId, iban, bic: bic.trim() || null };
    const outcome = await submit({
      run: async () => (await setAccount({ variables: { input } })).data?.setProviderPaymentAccount,
      onSuccess: ({ provider }) => {
        if (!provider?.iban) return;
        setSaved(t('bank.saved', { iban: grouped(provider.iban) }));
        setIban('');
        setBic('');
      },
    });
    if (!outcome.ok) focusErrors();
  }

  return (
    <Page title={t('bank.title')} lead={t('bank.intro')}>
      <QueryState loading={account.loading} error={account.error} hasData={!!account.data}>
        <dl className="figures">
          <div className="figure">
            <dt>{t('bank.current')}</dt>
            <dd data-testid="current-iban">
              {current?.iban ? grouped(current.iban) : t('bank.noneYet')}
              {current?.bic ? ` (${current.bic})` : ''}
            </dd>
          </div>
        </dl>
      </QueryState>
      <form
        onSubmit={onSubmit}
        className="form narrow"
        noValidate
        aria-busy={loading}
        aria-label={t('bank.form')}
      >
        <div ref={errorsRef}>
          <FormErrors errors={errors} />
        </div>
        <TextField
          label={t('bank.iban')}
          value={iban}
          autoComplete="off"
          onChange={(e) => setIban(e.target.value)}
          error={fields.iban}
        />
        <TextField
          label={t('bank.bic')}
          value={bic}
          autoComplete="off"
          onChange={(e) => setBic(e.target.value)}
          error={fields.bic}
        />
        <Button type="submit" disabled={loading || !providerId}>
          {t('bank.submit')}
        </Button>
      </form>
      <p role="status" aria-live="polite">
        {saved}
      </p>
    </Page>
  );
}
