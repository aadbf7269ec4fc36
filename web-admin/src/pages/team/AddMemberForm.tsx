import { useMutation } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Button, Heading } from 'suomifi-ui-components';
import { graphql } from '../../gql';
import type { TeamRole } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { Select, TextField } from '../../components/common';
import { useMutationForm, type Result } from '../../components/useMutationForm';

const AddMember = graphql(`
  mutation MyAddTeamMember($clientId: ID!, $input: TeamMemberInput!) {
    addTeamMember(clientId: $clientId, input: $input) {
      teamMember {
        id
        name
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

const ROLES: readonly TeamRole[] = [
  'RELATIVE',
  'SUPPORT_PERSON',
  'PROFESSIONAL',
  'NGO_WORKER',
  'HB_ADVISER',
  'OTHER',
];

/** Adds a member to the client's team (name, role, relation, how to reach them). */
export function AddMemberForm({
  clientId,
  onDone,
}: {
  clientId: string;
  onDone: (r: Result) => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [role, setRole] = useState<TeamRole>('RELATIVE' as TeamRole);
  const [relation, setRelation] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [nameError, setNameError] = useState<string | undefined>(undefined);
  const [add, adding] = useMutation(AddMember);
  const { submit } = useMutationForm({ onResult: onDone });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setNameError(t('myTeam.nameRequired'));
      return;
    }
    const input = {
      name: name.trim(),
      role,
      relation: relation.trim() || null,
      email: email.trim() || null,
      phone: phone.trim() || null,
    };
    void submit({
      run: async () => (await add({ variables: { clientId, input } })).data?.addTeamMember,
      confirmation: () => t('myTeam.added', { name: name.trim() }),
      onSuccess: () => {
        setName('');
        setRelation('');
        setEmail('');
        setPhone('');
      },
    });
  };
  return (
    <section aria-labelledby="my-team-add" className="card my-section">
      <Heading variant="h2" id="my-team-add">
        {t('myTeam.add')}
      </Heading>
      <form className="my-form" onSubmit={onSubmit} noValidate>
        <TextField
          label={t('team.name')}
          value={name}
          error={nameError}
          autoComplete="off"
          onChange={(e) => {
            setName(e.target.value);
            setNameError(undefined);
          }}
        />
        <Select
          label={t('team.role')}
          value={role}
          onChange={(e) => setRole(e.target.value as TeamRole)}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`teamRole.${r}`)}
            </option>
          ))}
        </Select>
        <TextField
          label={`${t('team.relation')} (${t('common.optional')})`}
          value={relation}
          onChange={(e) => setRelation(e.target.value)}
        />
        <TextField
          label={`${t('team.email')} (${t('common.optional')})`}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label={`${t('team.phone')} (${t('common.optional')})`}
          type="tel"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
        />
        <div className="my-actions">
          <Button type="submit" disabled={adding.loading}>
            {t('myTeam.add')}
          </Button>
        </div>
      </form>
    </section>
  );
}
