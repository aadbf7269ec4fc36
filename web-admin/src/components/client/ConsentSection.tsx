import { useMutation } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Button, Heading } from 'suomifi-ui-components';
import { FormErrors, Select } from '../common';
import { useMutationForm } from '../useMutationForm';
import { graphql } from '../../gql';
import type { ConsentScope } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { date, dateTime } from '../../format';
import type { Member } from './TeamSection';

const GrantConsent = graphql(`
  mutation GrantConsent($clientId: ID!, $input: ConsentInput!) {
    grantConsent(clientId: $clientId, input: $input) {
      client {
        id
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

const RevokeConsent = graphql(`
  mutation RevokeConsent($clientId: ID!, $consentId: ID!) {
    revokeConsent(clientId: $clientId, consentId: $consentId) {
      client {
        id
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

const SCOPES: ConsentScope[] = ['BUDGET', 'PLAN', 'DOCUMENTS'];

interface ConsentRow {
  id: string;
  teamMemberId: string;
  scopes: ConsentScope[];
  validFrom: string;
  validUntil: string | null;
  revokedAt: string | null;
  active: boolean;
}

/** Suostumukset: consents to team members, granting and revoking. */
export function ConsentSection({
  clientId,
  team,
  consents,
}: {
  clientId: string;
  team: readonly Member[];
  consents: readonly ConsentRow[];
}) {
  const { t, locale } = useI18n();
  const [memberId, setMemberId] = useState('');
  const [scopes, setScopes] = useState<ConsentScope[]>(['BUDGET']);
  const [validUntil, setValidUntil] = useState('');
  const [grant, { loading }] = useMutation(GrantConsent);
  const [revoke] = useMutation(RevokeConsent);
  const { fields, other, submit } = useMutationForm();
  const nameOf = (id: string) => team.find((m) => m.id === id)?.name ?? id;

  async function onGrant(e: FormEvent) {
    e.preventDefault();
    const input = { teamMemberId: memberId, scopes, validUntil: validUntil || null };
    await submit({
      run: async () => (await grant({ variables: { clientId, input } })).data?.grantConsent,
      onSuccess: () => {
        setMemberId('');
        setValidUntil('');
      },
    });
  }

  async function onRevoke(consentId: string) {
    await submit({
      run: async () => (await revoke({ variables: { clientId, consentId } })).data?.revokeConsent,
    });
  }

  return (
    <section aria-labelledby="consents-heading" className="card">
      <Heading variant="h2" id="consents-heading">
        {t('consents.title')}
      </Heading>
      {consents.length === 0 ? (
        <p>{t('consents.empty')}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('consents.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('consents.member')}</th>
              <th scope="col">{t('consents.scopes')}</th>
              <th scope="col">{t('consents.valid')}</th>
              <th scope="col">{t('consents.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('consents.grant')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {consents.map((c) => (
              <tr key={c.id}>
                <th scope="row">{nameOf(c.teamMemberId)}</th>
                <td>{c.scopes.map((s) => t(`scope.${s}`)).join(', ')}</td>
                <td>
                  {date(c.validFrom, locale)} – {c.validUntil ? date(c.validUntil, locale) : ''}
                </td>
                <td>
                  {c.active ? t('consents.active') : t('consents.inactive')}
                  {c.revokedAt ? ` (${dateTime(c.revokedAt, locale)})` : ''}
                </td>
                <td>
                  {c.active ? (
                    <Button
                      variant="secondaryNoBorder"
                      aria-label={t('consents.revoke', { name: nameOf(c.teamMemberId) })}
                      onClick={() => void onRevoke(c.id)}
                    >
                      {t('consents.revokeShort')}
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        onSubmit={onGrant}
        className="form grid"
        noValidate
        aria-labelledby="consent-grant-heading"
      >
        <Heading variant="h3" id="consent-grant-heading">
          {t('consents.grant')}
        </Heading>
        <FormErrors errors={other.map((message) => ({ code: '', message, field: null }))} />
        <Select
          label={t('consents.member')}
          value={memberId}
          onChange={(e) => setMemberId(e.target.value)}
          error={fields.teamMemberId}
        >
          <option value="">–</option>
          {team.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </Select>
        <fieldset className={`checkboxes${fields.scopes ? ' field-error' : ''}`}>
          <legend>{t('consents.scopes')}</legend>
          {SCOPES.map((s) => (
            <label key={s} className="checkbox">
              <input
                type="checkbox"
                checked={scopes.includes(s)}
                onChange={(e) =>
                  setScopes((cur) => (e.target.checked ? [...cur, s] : cur.filter((x) => x !== s)))
                }
              />
              {t(`scope.${s}`)}
            </label>
          ))}
          {fields.scopes ? <span className="error-text">{fields.scopes}</span> : null}
        </fieldset>
        <div className={`field${fields.validUntil ? ' field-error' : ''}`}>
          <label htmlFor="consent-valid-until">
            {t('consents.validUntil')} ({t('common.optional')})
          </label>
          <input
            id="consent-valid-until"
            type="date"
            value={validUntil}
            onChange={(e) => setValidUntil(e.target.value)}
            aria-invalid={fields.validUntil ? true : undefined}
          />
          {fields.validUntil ? <span className="error-text">{fields.validUntil}</span> : null}
        </div>
        <div className="form-actions">
          <Button type="submit" disabled={loading}>
            {t('consents.grant')}
          </Button>
        </div>
      </form>
    </section>
  );
}
