import { useMutation, useQuery } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Button, Heading } from 'suomifi-ui-components';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import { dateTime } from '../format';
import { FormErrors, QueryState, Select } from './common';
import { useMutationForm } from './useMutationForm';

const StaffAndHistory = graphql(`
  query ClientStaffAndHistory($id: ID!) {
    client(id: $id) {
      id
      processPhase
      ownWorker {
        id
        name
      }
      adviser {
        id
        name
      }
      phaseHistory {
        id
        fromPhase
        toPhase
        actorRole
        actorName
        at
      }
    }
    staffMembers {
      id
      name
      role
    }
  }
`);

const Assign = graphql(`
  mutation AssignClientStaff($clientId: ID!, $input: AssignClientStaffInput!) {
    assignClientStaff(clientId: $clientId, input: $input) {
      client {
        id
        ownWorker {
          id
          name
        }
        adviser {
          id
          name
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

/**
 * Who works with the client (own worker and HB adviser, reassignable) and her process phase's
 * history: who moved it, when. Remount it with the phase as key to reload after a move.
 */
export function ClientStaffSection({ clientId }: { clientId: string }) {
  const { t, locale } = useI18n();
  const { data, loading, error } = useQuery(StaffAndHistory, {
    variables: { id: clientId },
    fetchPolicy: 'cache-and-network',
  });
  const client = data?.client;
  return (
    <section aria-labelledby="client-staff-heading" className="card">
      <Heading variant="h2" id="client-staff-heading">
        {t('clientStaff.title')}
      </Heading>
      <QueryState loading={loading && !data} error={error} hasData={!!client} optional>
        {client ? (
          <>
            <AssignForm
              clientId={clientId}
              ownWorkerId={client.ownWorker?.id ?? ''}
              adviserId={client.adviser?.id ?? ''}
              staff={data.staffMembers}
            />
            <Heading variant="h3">{t('clientStaff.history')}</Heading>
            <ol className="phase-history" reversed>
              {client.phaseHistory.map((h) => (
                <li key={h.id}>
                  {dateTime(h.at, locale)}: {t(`phase.${h.toPhase}`)}
                  {h.fromPhase
                    ? ` (${t('clientStaff.from')} ${t(`phase.${h.fromPhase}`)})`
                    : ''} – {h.actorName ?? t('clientStaff.system')}
                </li>
              ))}
            </ol>
          </>
        ) : null}
      </QueryState>
    </section>
  );
}

function AssignForm({
  clientId,
  ownWorkerId,
  adviserId,
  staff,
}: {
  clientId: string;
  ownWorkerId: string;
  adviserId: string;
  staff: ReadonlyArray<{ id: string; name: string; role: string }>;
}) {
  const { t } = useI18n();
  const [worker, setWorker] = useState(ownWorkerId);
  const [adviser, setAdviser] = useState(adviserId);
  const [saved, setSaved] = useState(false);
  const [assign, { loading }] = useMutation(Assign, {
    refetchQueries: ['ClientPage', 'ClientStaffAndHistory'],
  });
  const { fields, other, submit } = useMutationForm();
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const input = { ownWorkerId: worker || null, adviserId: adviser || null };
    await submit({
      run: async () => (await assign({ variables: { clientId, input } })).data?.assignClientStaff,
      onSuccess: () => setSaved(true),
    });
  }
  return (
    <form onSubmit={onSubmit} className="form grid" noValidate>
      <FormErrors errors={other.map((message) => ({ code: '', message, field: null }))} />
      <Select
        label={t('client.ownWorker')}
        value={worker}
        onChange={(e) => setWorker(e.target.value)}
        error={fields.ownWorkerId}
      >
        <option value="">–</option>
        {staff
          .filter((s) => s.role === 'OWN_WORKER')
          .map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
      </Select>
      <Select
        label={t('client.adviser')}
        value={adviser}
        onChange={(e) => setAdviser(e.target.value)}
        error={fields.adviserId}
      >
        <option value="">–</option>
        {staff
          .filter((s) => s.role === 'HB_ADVISER')
          .map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
      </Select>
      <div className="form-actions">
        <Button type="submit" disabled={loading}>
          {t('clientStaff.save')}
        </Button>
      </div>
      <p role="status" className={saved ? 'notice' : 'visually-hidden'}>
        {saved ? t('common.saved') : ''}
      </p>
    </form>
  );
}
