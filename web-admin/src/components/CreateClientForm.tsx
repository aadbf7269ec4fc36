import { useMutation, useQuery } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Heading } from 'suomifi-ui-components';
import { useAuth } from '../auth';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import { FormErrors, Select, TextField } from './common';
import { useMutationForm } from './useMutationForm';

const Municipalities = graphql(`
  query CreateClientMunicipalities {
    municipalities {
      code
      name
      nameSv
    }
  }
`);

const CreateClient = graphql(`
  mutation CreateClient($input: CreateClientInput!) {
    createClient(input: $input) {
      client {
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

/** A new client of one of the staff member's municipalities; opens her page when created. */
export function CreateClientForm() {
  const { t, language } = useI18n();
  const { session } = useAuth();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [municipalityCode, setMunicipalityCode] = useState('');
  const municipalities = useQuery(Municipalities, { skip: !open });
  const [create, { loading }] = useMutation(CreateClient);
  // Field errors by their full path (several rows share a last segment); all in the summary too.
  const { errors, byPath: fields, submit } = useMutationForm();
  // The API decides; the session's municipalities only narrow the choice when known.
  const allowed = session?.municipalities;
  const mine = (municipalities.data?.municipalities ?? []).filter(
    (m) => !allowed || allowed.includes(m.code),
  );

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const input = {
      firstName,
      lastName,
      dateOfBirth: dateOfBirth || null,
      municipalityCode: municipalityCode || (mine.length === 1 ? (mine[0]?.code ?? '') : ''),
    };
    await submit({
      run: async () => (await create({ variables: { input } })).data?.createClient,
      onSuccess: ({ client }) => {
        if (client) navigate(`/clients/${client.id}`);
      },
    });
  }

  if (!open) {
    return (
      <p>
        <Button variant="secondary" onClick={() => setOpen(true)}>
          {t('newClient.open')}
        </Button>
      </p>
    );
  }
  return (
    <section aria-labelledby="new-client-heading" className="card">
      <Heading variant="h2" id="new-client-heading">
        {t('newClient.title')}
      </Heading>
      <form onSubmit={onSubmit} className="form grid" noValidate>
        <FormErrors errors={errors} />
        <TextField
          label={t('newClient.firstName')}
          value={firstName}
          autoComplete="off"
          onChange={(e) => setFirstName(e.target.value)}
          error={fields['input.firstName']}
        />
        <TextField
          label={t('newClient.lastName')}
          value={lastName}
          autoComplete="off"
          onChange={(e) => setLastName(e.target.value)}
          error={fields['input.lastName']}
        />
        <TextField
          label={t('newClient.dateOfBirth')}
          type="date"
          value={dateOfBirth}
          onChange={(e) => setDateOfBirth(e.target.value)}
          error={fields['input.dateOfBirth']}
        />
        <Select
          label={t('newClient.municipality')}
          value={municipalityCode || (mine.length === 1 ? (mine[0]?.code ?? '') : '')}
          onChange={(e) => setMunicipalityCode(e.target.value)}
          error={fields['input.municipalityCode']}
        >
          <option value="">–</option>
          {mine.map((m) => (
            <option key={m.code} value={m.code}>
              {language === 'sv' && m.nameSv ? m.nameSv : m.name}
            </option>
          ))}
        </Select>
        <div className="form-actions">
          <Button type="submit" disabled={loading}>
            {t('newClient.create')}
          </Button>{' '}
          <Button variant="secondary" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </section>
  );
}
