import { useMutation } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Button, Heading, TextInput, type TextInputValue } from 'suomifi-ui-components';
import { FormErrors, Select } from '../common';
import { useMutationForm } from '../useMutationForm';
import { graphql } from '../../gql';
import type { TeamRole } from '../../gql/graphql';
import { useI18n } from '../../i18n';

const AddTeamMember = graphql(`
  mutation AddTeamMember($clientId: ID!, $input: TeamMemberInput!) {
    addTeamMember(clientId: $clientId, input: $input) {
      client {
        id
        team {
          id
          name
          role
          relation
          email
          phone
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

const RemoveTeamMember = graphql(`
  mutation RemoveTeamMember($clientId: ID!, $memberId: ID!) {
    removeTeamMember(clientId: $clientId, memberId: $memberId) {
      client {
        id
        team {
          id
          name
          role
          relation
          email
          phone
        }
        consents {
          id
          teamMemberId
          scopes
          validFrom
          validUntil
          revokedAt
          active
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

const TEAM_ROLES: TeamRole[] = [
  'RELATIVE',
  'PROFESSIONAL',
  'NGO_WORKER',
  'SUPPORT_PERSON',
  'HB_ADVISER',
  'OTHER',
];

export interface Member {
  id: string;
  name: string;
  role: TeamRole;
  relation: string | null;
  email: string | null;
  phone: string | null;
}

const emptyMember = { name: '', role: 'RELATIVE' as TeamRole, relation: '', email: '', phone: '' };

/** Minun tiimini: the client's own team, adding and removing members. */
export function TeamSection({ clientId, team }: { clientId: string; team: readonly Member[] }) {
  const { t } = useI18n();
  const [form, setForm] = useState(emptyMember);
  const [add, { loading: adding }] = useMutation(AddTeamMember);
  const [remove] = useMutation(RemoveTeamMember);
  const { fields, other, submit } = useMutationForm();
  const removal = useMutationForm();

  async function onAdd(e: FormEvent) {
    e.preventDefault();
    const input = {
      name: form.name,
      role: form.role,
      relation: form.relation || null,
      email: form.email || null,
      phone: form.phone || null,
    };
    await submit({
      run: async () => (await add({ variables: { clientId, input } })).data?.addTeamMember,
      // Keep what was typed when the API refuses it; clear only on success.
      onSuccess: () => setForm(emptyMember),
    });
  }

  async function onRemove(memberId: string) {
    await removal.submit({
      run: async () => (await remove({ variables: { clientId, memberId } })).data?.removeTeamMember,
    });
  }

  const set = (key: keyof typeof emptyMember) => (v: TextInputValue) =>
    setForm((f) => ({ ...f, [key]: String(v ?? '') }));

  return (
    <section aria-labelledby="team-heading" className="card">
      <Heading variant="h2" id="team-heading">
        {t('team.title')}
      </Heading>
      {team.length === 0 ? (
        <p>{t('team.empty')}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('team.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('team.name')}</th>
              <th scope="col">{t('team.role')}</th>
              <th scope="col">{t('team.relation')}</th>
              <th scope="col">{t('team.email')}</th>
              <th scope="col">{t('team.phone')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {team.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.name}</th>
                <td>{t(`teamRole.${m.role}`)}</td>
                <td>{m.relation ?? '–'}</td>
                <td>{m.email ?? '–'}</td>
                <td>{m.phone ?? '–'}</td>
                <td>
                  <Button
                    variant="secondaryNoBorder"
                    aria-label={t('team.remove', { name: m.name })}
                    onClick={() => void onRemove(m.id)}
                  >
                    {t('common.remove')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FormErrors errors={removal.errors} />
      <form onSubmit={onAdd} className="form grid" noValidate aria-labelledby="team-add-heading">
        <Heading variant="h3" id="team-add-heading">
          {t('team.addTitle')}
        </Heading>
        <FormErrors errors={other.map((message) => ({ code: '', message, field: null }))} />
        <TextInput
          labelText={t('team.name')}
          value={form.name}
          onChange={set('name')}
          status={fields.name ? 'error' : 'default'}
          statusText={fields.name}
          name="name"
        />
        <Select
          label={t('team.role')}
          value={form.role}
          onChange={(e) => set('role')(e.target.value)}
          error={fields.role}
        >
          {TEAM_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`teamRole.${r}`)}
            </option>
          ))}
        </Select>
        <TextInput
          labelText={t('team.relation')}
          optionalText={t('common.optional')}
          value={form.relation}
          onChange={set('relation')}
          status={fields.relation ? 'error' : 'default'}
          statusText={fields.relation}
        />
        <TextInput
          labelText={t('team.email')}
          optionalText={t('common.optional')}
          type="email"
          value={form.email}
          onChange={set('email')}
          status={fields.email ? 'error' : 'default'}
          statusText={fields.email}
        />
        <TextInput
          labelText={t('team.phone')}
          optionalText={t('common.optional')}
          type="tel"
          value={form.phone}
          onChange={set('phone')}
          status={fields.phone ? 'error' : 'default'}
          statusText={fields.phone}
        />
        <div className="form-actions">
          <Button type="submit" disabled={adding}>
            {t('team.add')}
          </Button>
        </div>
      </form>
    </section>
  );
}
