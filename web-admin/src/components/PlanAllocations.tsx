import { useMutation, useQuery } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Button, Heading, Textarea } from 'suomifi-ui-components';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import { euros, money } from '../format';
import { AllocationsForm } from './AllocationsForm';
import { FormErrors, Select } from './common';
import { useMutationForm } from './useMutationForm';

const ProviderChoices = graphql(`
  query ProviderChoices {
    providers(first: 50) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

const SwitchProvider = graphql(`
  mutation SwitchProvider($allocationId: ID!, $providerId: ID!, $reason: String!) {
    switchProvider(allocationId: $allocationId, providerId: $providerId, reason: $reason) {
      plan {
        id
        allocations {
          id
          provider {
            id
            name
          }
        }
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

export interface PlanData {
  id: string;
  year: number;
  status: string;
  allocations: Array<{
    id: string;
    description: string;
    discretionaryReason: string | null;
    amount: { amount: string; currency: string };
    provider: { id: string; name: string } | null;
    offering: { id: string; title: string } | null;
    budget: { id: string; year: number; granted: { amount: string; currency: string } };
  }>;
}

/** The distribution of the budget: allocations, their running sum, edit and switch. */
export function PlanAllocations({
  plan,
  locale,
  clientId,
  municipalityCode,
  onSaved,
}: {
  plan: PlanData;
  locale: string;
  clientId: string;
  municipalityCode?: string | undefined;
  onSaved: (message: string | null) => void;
}) {
  const { t } = useI18n();
  const [switching, setSwitching] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const granted = [
    ...new Map(
      plan.allocations.map((a) => [a.budget.id, Number(a.budget.granted.amount)]),
    ).values(),
  ].reduce((s, x) => s + x, 0);
  const rows = plan.allocations.reduce<{ a: (typeof plan.allocations)[number]; running: number }[]>(
    (acc, a) => [...acc, { a, running: (acc.at(-1)?.running ?? 0) + Number(a.amount.amount) }],
    [],
  );
  const total = rows.at(-1)?.running ?? 0;
  return (
    <>
      <Heading variant="h4" as="h4">
        {t('plan.allocations')}
      </Heading>
      {plan.allocations.length === 0 ? (
        <p>{t('plan.noAllocations')}</p>
      ) : (
        <>
          <table className="table">
            <caption className="visually-hidden">{t('plan.allocations')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plan.allocation')}</th>
                <th scope="col">{t('budget.provider')}</th>
                <th scope="col" className="num">
                  {t('budget.amount')}
                </th>
                <th scope="col" className="num">
                  {t('plan.runningSum')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('plan.switch')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ a, running: sum }) => (
                <tr key={a.id}>
                  <th scope="row">
                    {a.description}
                    {a.offering ? <span className="muted"> ({a.offering.title})</span> : null}
                  </th>
                  <td>{a.provider?.name ?? '–'}</td>
                  <td className="num">{money(a.amount, locale)}</td>
                  <td className={`num${granted > 0 && sum > granted ? ' over' : ''}`}>
                    {euros(sum, locale)}
                  </td>
                  <td>
                    {plan.status !== 'SUPERSEDED' ? (
                      <Button
                        variant="secondaryNoBorder"
                        aria-expanded={switching === a.id}
                        aria-label={t('plan.switchFor', { name: a.description })}
                        onClick={() => setSwitching(switching === a.id ? null : a.id)}
                      >
                        {t('plan.switch')}
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className={total > granted ? 'over' : ''}>
            {t('plan.allocated', {
              allocated: euros(total, locale),
              granted: euros(granted, locale),
            })}
            {total > granted ? ` ${t('plan.overAllocated')}` : ''}
          </p>
        </>
      )}
      {plan.status !== 'SUPERSEDED' ? (
        editing ? (
          <AllocationsForm
            planId={plan.id}
            clientId={clientId}
            year={plan.year}
            municipalityCode={municipalityCode}
            existing={plan.allocations}
            onSaved={(version) => {
              setEditing(false);
              onSaved(t('alloc.saved', { version }));
            }}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <p>
            <Button
              variant="secondary"
              onClick={() => {
                onSaved(null);
                setEditing(true);
              }}
            >
              {t('alloc.edit')}
            </Button>
          </p>
        )
      ) : null}
      {switching ? (
        <SwitchForm
          allocationId={switching}
          name={plan.allocations.find((a) => a.id === switching)?.description ?? ''}
          onDone={() => setSwitching(null)}
        />
      ) : null}
    </>
  );
}

function SwitchForm({
  allocationId,
  name,
  onDone,
}: {
  allocationId: string;
  name: string;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const providers = useQuery(ProviderChoices);
  const [providerId, setProviderId] = useState('');
  const [reason, setReason] = useState('');
  const [mutate, { loading }] = useMutation(SwitchProvider);
  const { fields, other, submit } = useMutationForm();
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    await submit({
      run: async () =>
        (await mutate({ variables: { allocationId, providerId, reason } })).data?.switchProvider,
      onSuccess: onDone,
    });
  }
  return (
    <form onSubmit={onSubmit} className="form grid" noValidate aria-labelledby="switch-heading">
      <Heading variant="h4" as="h5" id="switch-heading">
        {t('plan.switchFor', { name })}
      </Heading>
      <FormErrors errors={other.map((message) => ({ code: '', message, field: null }))} />
      <Select
        label={t('plan.newProvider')}
        value={providerId}
        onChange={(e) => setProviderId(e.target.value)}
        error={fields.providerId}
      >
        <option value="">–</option>
        {(providers.data?.providers.edges ?? []).map(({ node }) => (
          <option key={node.id} value={node.id}>
            {node.name}
          </option>
        ))}
      </Select>
      <Textarea
        labelText={t('plan.reason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        status={fields.reason ? 'error' : 'default'}
        statusText={fields.reason}
        fullWidth
      />
      <div className="form-actions">
        <Button type="submit" disabled={loading}>
          {t('plan.switch')}
        </Button>{' '}
        <Button variant="secondary" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
